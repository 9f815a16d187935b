//! Writing generated files: only what changed, stale files removed, or (in check mode) nothing
//! written and every difference reported.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use crate::GenerateError;
use crate::generate::GeneratedFile;

/// The marker every generated file carries in its first line.
pub const GENERATED_MARKER: &str = "@generated";

/// What syncing a folder did, or (in check mode) would do.
#[derive(Debug, Default)]
pub struct SyncReport<'a> {
    /// Files whose content was (or would be) written, with their previous content if any.
    pub changed: Vec<Changed<'a>>,
    /// Files already up to date.
    pub unchanged: Vec<PathBuf>,
    /// Generated files no longer produced, removed (or to be removed).
    pub removed: Vec<PathBuf>,
}

/// One file that differs from what generation produced.
#[derive(Debug)]
pub struct Changed<'a> {
    /// Path relative to the output folder.
    pub path: PathBuf,
    /// What was there (`None` for a new file).
    pub old: Option<String>,
    /// What generation produced.
    pub new: &'a str,
}

impl SyncReport<'_> {
    /// True when nothing differs.
    pub fn is_fresh(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }

    /// A unified diff of every change, at most `max_lines` lines per file.
    pub fn diff(&self, max_lines: usize) -> String {
        let mut out = String::new();
        for change in &self.changed {
            let old = change.old.as_deref().unwrap_or_default();
            let diff = similar::TextDiff::from_lines(old, change.new);
            let path = change.path.display().to_string();
            let text = diff
                .unified_diff()
                .context_radius(2)
                .header(&format!("a/{path}"), &format!("b/{path}"))
                .to_string();
            let lines: Vec<&str> = text.lines().collect();
            for line in lines.iter().take(max_lines) {
                out.push_str(line);
                out.push('\n');
            }
            if lines.len() > max_lines {
                out.push_str(&format!("... ({} more lines)\n", lines.len() - max_lines));
            }
        }
        for removed in &self.removed {
            out.push_str(&format!(
                "--- a/{}\n(no longer generated)\n",
                removed.display()
            ));
        }
        out
    }
}

/// Brings `dir` in line with `files`; with `check`, writes nothing and only reports.
///
/// Files are compared and written on every core; the report lists them in the order of `files`.
pub fn sync<'a>(
    dir: &Path,
    files: &'a [GeneratedFile],
    check: bool,
) -> Result<SyncReport<'a>, GenerateError> {
    let folders: BTreeSet<&Path> = files.iter().filter_map(|file| file.path.parent()).collect();
    // One listing of what is there, in the folders written to and those where stale generated
    // files are looked for: only these files are read for comparison (none when the folder is
    // new), and stale ones are found among them.
    let listed: BTreeSet<&Path> = folders
        .iter()
        .copied()
        .chain(STALE_FOLDERS.iter().map(Path::new))
        .collect();
    let existing: BTreeSet<PathBuf> = listed
        .iter()
        .flat_map(|folder| {
            let entries = std::fs::read_dir(dir.join(folder)).into_iter().flatten();
            entries
                .flatten()
                .map(|entry| folder.join(entry.file_name()))
        })
        .collect();
    if !check {
        for folder in folders {
            let folder = dir.join(folder);
            std::fs::create_dir_all(&folder).map_err(io_error(&folder))?;
        }
    }
    let outcomes =
        oas_parser::parallel::map_in_order(files, oas_parser::parallel::all_cores(), |file| {
            sync_file(dir, file, existing.contains(&file.path), check)
        });
    let mut report = SyncReport::default();
    for outcome in outcomes {
        match outcome? {
            Outcome::Unchanged(path) => report.unchanged.push(path),
            Outcome::Changed(change) => report.changed.push(change),
        }
    }
    for stale in stale_generated_files(dir, files, &existing) {
        if !check {
            std::fs::remove_file(dir.join(&stale)).map_err(io_error(&stale))?;
        }
        report.removed.push(stale);
    }
    Ok(report)
}

/// What syncing one file found.
enum Outcome<'a> {
    Unchanged(PathBuf),
    Changed(Changed<'a>),
}

/// Compares one file with what is on disk (if it `exists`) and, unless `check`, writes it when it
/// differs.
fn sync_file<'a>(
    dir: &Path,
    file: &'a GeneratedFile,
    exists: bool,
    check: bool,
) -> Result<Outcome<'a>, GenerateError> {
    let path = dir.join(&file.path);
    let old = if exists {
        Some(std::fs::read_to_string(&path).map_err(io_error(&path))?)
    } else {
        None
    };
    if old.as_deref() == Some(file.contents.as_str()) {
        return Ok(Outcome::Unchanged(file.path.clone()));
    }
    if !check {
        std::fs::write(&path, &file.contents).map_err(io_error(&path))?;
    }
    Ok(Outcome::Changed(Changed {
        path: file.path.clone(),
        old,
        new: &file.contents,
    }))
}

/// Turns an I/O error on `path` into a [`GenerateError`].
fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> GenerateError {
    let path = path.to_path_buf();
    move |source| GenerateError::Io { path, source }
}

/// The folders where generated files no longer produced are removed.
const STALE_FOLDERS: [&str; 2] = ["src", "docs"];

/// The `existing` files in [`STALE_FOLDERS`] that say they are generated but are not in `files`,
/// in path order.
fn stale_generated_files(
    dir: &Path,
    files: &[GeneratedFile],
    existing: &BTreeSet<PathBuf>,
) -> Vec<PathBuf> {
    let produced: HashSet<&Path> = files.iter().map(|file| file.path.as_path()).collect();
    existing
        .iter()
        .filter(|path| {
            path.parent()
                .is_some_and(|folder| STALE_FOLDERS.iter().any(|stale| folder == Path::new(stale)))
        })
        .filter(|path| !produced.contains(path.as_path()))
        .filter(|path| {
            std::fs::read_to_string(dir.join(path)).is_ok_and(|text| {
                text.lines()
                    .next()
                    .is_some_and(|line| line.contains(GENERATED_MARKER))
            })
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: PathBuf::from(path),
            contents: contents.to_owned(),
        }
    }

    #[test]
    fn writes_only_changes_and_removes_stale_generated_files() {
        let dir = std::env::temp_dir().join(format!("oas-codegen-sync-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(dir.join("src/old.rs"), "// @generated\n").unwrap();
        std::fs::write(dir.join("src/hand.rs"), "// mine\n").unwrap();
        let files = [file("src/lib.rs", "// @generated\nfn a() {}\n")];

        let checked = sync(&dir, &files, true).unwrap();
        assert_eq!(checked.changed.len(), 1);
        assert_eq!(checked.removed, [PathBuf::from("src/old.rs")]);
        assert!(
            !dir.join("src/lib.rs").exists(),
            "check mode writes nothing"
        );
        assert!(checked.diff(10).contains("+fn a() {}"));

        let written = sync(&dir, &files, false).unwrap();
        assert_eq!(written.changed.len(), 1);
        assert!(!dir.join("src/old.rs").exists());
        assert!(
            dir.join("src/hand.rs").exists(),
            "files without the marker are kept"
        );

        let again = sync(&dir, &files, false).unwrap();
        assert!(again.is_fresh());
        assert_eq!(again.unchanged.len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
