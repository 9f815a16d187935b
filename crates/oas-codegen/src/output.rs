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
    let target = Target::open(dir, check);
    let outcomes =
        oas_parser::parallel::map_in_order(files, oas_parser::parallel::all_cores(), |file| {
            target.put(file)
        });
    target.finish(files, outcomes)
}

/// An output folder being brought in line with generated files one at a time, so that writing
/// can overlap generation: [`Target::put`] each file (from any thread), then
/// [`Target::finish`] with all of them.
pub struct Target<'d> {
    dir: &'d Path,
    check: bool,
    /// The folders listed when the target was opened: a file in one of them that is not in
    /// `existing` is new, and is not read for comparison.
    listed: BTreeSet<&'static Path>,
    /// The files found in the `listed` folders, relative to `dir`.
    existing: BTreeSet<PathBuf>,
}

/// What [`Target::put`] found for one file.
pub struct Put {
    /// What was there before, when it differed (`Some(None)` for a new file); `None` when the
    /// file was already up to date.
    changed: Option<Option<String>>,
}

impl<'d> Target<'d> {
    /// Lists what is in `dir`'s top folder and in the folders where stale generated files are
    /// looked for; with `check`, the target writes and removes nothing.
    pub fn open(dir: &'d Path, check: bool) -> Self {
        let listed: BTreeSet<&'static Path> = std::iter::once("")
            .chain(STALE_FOLDERS)
            .map(Path::new)
            .collect();
        let existing = listed
            .iter()
            .flat_map(|folder| {
                let entries = std::fs::read_dir(dir.join(folder)).into_iter().flatten();
                entries
                    .flatten()
                    .map(|entry| folder.join(entry.file_name()))
            })
            .collect();
        Target {
            dir,
            check,
            listed,
            existing,
        }
    }

    /// Compares one file with what is on disk and, unless checking, writes it when it differs
    /// (creating its folder if need be).
    pub fn put(&self, file: &GeneratedFile) -> Result<Put, GenerateError> {
        let path = self.dir.join(&file.path);
        let known_absent = file
            .path
            .parent()
            .is_some_and(|folder| self.listed.contains(folder))
            && !self.existing.contains(&file.path);
        let old = if known_absent {
            None
        } else {
            match std::fs::read_to_string(&path) {
                Ok(text) => Some(text),
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
                Err(err) => return Err(io_error(&path)(err)),
            }
        };
        if old.as_deref() == Some(file.contents.as_str()) {
            return Ok(Put { changed: None });
        }
        if !self.check {
            write_creating_folder(&path, &file.contents)?;
        }
        Ok(Put { changed: Some(old) })
    }

    /// The report on `files`, given what [`Target::put`] returned for each (in the same order),
    /// after removing (unless checking) the generated files in the folder that `files` no
    /// longer has. The first error of a put, if any, is returned instead.
    pub fn finish<'a>(
        self,
        files: &'a [GeneratedFile],
        puts: impl IntoIterator<Item = Result<Put, GenerateError>>,
    ) -> Result<SyncReport<'a>, GenerateError> {
        let mut report = SyncReport::default();
        for (file, put) in files.iter().zip(puts) {
            match put?.changed {
                None => report.unchanged.push(file.path.clone()),
                Some(old) => report.changed.push(Changed {
                    path: file.path.clone(),
                    old,
                    new: &file.contents,
                }),
            }
        }
        for stale in stale_generated_files(self.dir, files, &self.existing) {
            if !self.check {
                std::fs::remove_file(self.dir.join(&stale)).map_err(io_error(&stale))?;
            }
            report.removed.push(stale);
        }
        Ok(report)
    }
}

/// Writes `contents` to `path`, creating the folder it goes in when that is missing.
fn write_creating_folder(path: &Path, contents: &str) -> Result<(), GenerateError> {
    match std::fs::write(path, contents) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let folder = path.parent().unwrap_or(Path::new("."));
            std::fs::create_dir_all(folder).map_err(io_error(folder))?;
            std::fs::write(path, contents).map_err(io_error(path))
        }
        written => written.map_err(io_error(path)),
    }
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
        // A file in a folder that is not there yet, and not among those listed up front.
        let files = [
            file("src/lib.rs", "// @generated\nfn a() {}\n"),
            file("examples/deep/demo.rs", "// @generated\nfn main() {}\n"),
        ];

        let checked = sync(&dir, &files, true).unwrap();
        assert_eq!(checked.changed.len(), 2);
        assert_eq!(checked.removed, [PathBuf::from("src/old.rs")]);
        assert!(
            !dir.join("src/lib.rs").exists(),
            "check mode writes nothing"
        );
        assert!(checked.diff(10).contains("+fn a() {}"));

        let written = sync(&dir, &files, false).unwrap();
        assert_eq!(written.changed.len(), 2);
        assert!(dir.join("examples/deep/demo.rs").is_file());
        assert!(!dir.join("src/old.rs").exists());
        assert!(
            dir.join("src/hand.rs").exists(),
            "files without the marker are kept"
        );

        let again = sync(&dir, &files, false).unwrap();
        assert!(again.is_fresh());
        assert_eq!(again.unchanged.len(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
