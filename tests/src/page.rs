//! Reads the property table of a model page, as a reader sees it rendered.

/// One row of a page's `## Properties` table.
#[derive(Debug, Clone, PartialEq)]
pub struct PageRow {
    /// The property (`**name**` in the table).
    pub name: String,
    /// The type cell, as written.
    pub type_cell: String,
    /// The description as rendered text (escapes and URL brackets removed).
    pub description: String,
    /// The notes (`[optional]`, `[default to ...]`, ...), rendered, one per bracket.
    pub notes: Vec<String>,
}

impl PageRow {
    /// The value of a `[default to X]` note, quotes removed.
    pub fn default(&self) -> Option<String> {
        self.notes.iter().find_map(|note| {
            let value = note.strip_prefix("[default to ")?.strip_suffix(']')?;
            Some(value.trim_matches(['\'', '"']).to_owned())
        })
    }
}

/// The rows of the first `Name | Type | Description | Notes` table in `markdown`.
pub fn property_rows(markdown: &str) -> Vec<PageRow> {
    markdown
        .lines()
        .skip_while(|line| !line.starts_with("Name | Type | Description | Notes"))
        .skip(2)
        .take_while(|line| line.starts_with("**"))
        .map(parse_row)
        .collect()
}

fn parse_row(line: &str) -> PageRow {
    let cells = split_cells(line);
    let cell = |index: usize| {
        cells
            .get(index)
            .map(|c| c.trim().to_owned())
            .unwrap_or_default()
    };
    PageRow {
        name: cell(0).trim_matches('*').to_owned(),
        type_cell: cell(1),
        description: render(&cell(2)),
        notes: notes(&render(&cell(3))),
    }
}

/// Splits on ` | ` that is not escaped as `\|`.
fn split_cells(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' if chars.peek() == Some(&'|') => {
                cells.last_mut().expect("one cell").push_str("\\|");
                chars.next();
            }
            '|' => cells.push(String::new()),
            _ => cells.last_mut().expect("one cell").push(ch),
        }
    }
    cells
}

/// Markdown escapes and autolink brackets removed: the text a reader sees.
fn render(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut rest = cell;
    while let Some(ch) = rest.chars().next() {
        if ch == '\\' {
            if let Some(next) = rest[1..]
                .chars()
                .next()
                .filter(|c| c.is_ascii_punctuation())
            {
                out.push(next);
                rest = &rest[1 + next.len_utf8()..];
                continue;
            }
        }
        if ch == '<' && (rest.starts_with("<https://") || rest.starts_with("<http://")) {
            if let Some(end) = rest.find('>') {
                out.push_str(&rest[1..end]);
                rest = &rest[end + 1..];
                continue;
            }
        }
        out.push(ch);
        rest = &rest[ch.len_utf8()..];
    }
    out
}

fn notes(cell: &str) -> Vec<String> {
    let mut notes = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for ch in cell.chars() {
        match ch {
            '[' => {
                depth += 1;
                current.push(ch);
            }
            ']' => {
                depth -= 1;
                current.push(ch);
                if depth == 0 {
                    notes.push(std::mem::take(&mut current));
                }
            }
            _ if depth > 0 => current.push(ch),
            _ => {}
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rendered_rows() {
        let page = "Name | Type | Description | Notes\n--- | --- | --- | ---\n\
            **a** | `String` | Key Set \\[JWK\\] see <https://x.y/z> a \\| b | \\[optional\\] \\[default to \"v\"\\] \\[pattern: `^[0-9]+$`\\]\n\
            **b** | `bool` |  | \n\nafter";
        let rows = property_rows(page);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].description, "Key Set [JWK] see https://x.y/z a | b");
        assert_eq!(
            rows[0].notes,
            ["[optional]", "[default to \"v\"]", "[pattern: `^[0-9]+$`]"]
        );
        assert_eq!(rows[0].default().as_deref(), Some("v"));
        assert!(rows[1].notes.is_empty());
    }
}
