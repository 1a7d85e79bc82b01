//! Exporting every registered schema to a directory, and checking one.
//!
//! ```no_run
//! use greentic_types::schema::{check_dir, write_all_schemas};
//!
//! let dir = std::path::Path::new("dist/schemas/v1");
//! let written = write_all_schemas(dir)?;
//! println!("{} schemas", written.len());
//! assert!(check_dir(dir)?.is_clean());
//! # Ok::<(), greentic_types::schema::ExportError>(())
//! ```
//!
//! The files are pretty JSON with sorted keys and a trailing newline, so the
//! same registry always writes the same bytes.

use alloc::string::String;
use alloc::vec::Vec;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::registry::{self, DuplicateSlug, Entry};

/// Why an export or a check failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Two types registered the same slug.
    #[error(transparent)]
    Duplicate(#[from] DuplicateSlug),
    /// A file or directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}

/// The schema that `schema` stands for within `root`: local `$ref`s
/// (`#/$defs/...`) followed, at most 16 deep; `schema` itself when it has no
/// `$ref` or its target is not in `root`.
///
/// ```
/// use serde_json::json;
///
/// let root = json!({"$defs": {"Kind": {"enum": ["a", "b"]}}});
/// let field = json!({"$ref": "#/$defs/Kind"});
/// assert_eq!(greentic_types::schema::deref_local(&root, &field)["enum"][0], "a");
/// ```
pub fn deref_local<'v>(
    root: &'v serde_json::Value,
    schema: &'v serde_json::Value,
) -> &'v serde_json::Value {
    let mut s = schema;
    for _ in 0..16 {
        match s
            .get("$ref")
            .and_then(serde_json::Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|p| root.pointer(p))
        {
            Some(target) => s = target,
            None => break,
        }
    }
    s
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Every entry with its file contents, sorted by slug; duplicate slugs are an error.
pub fn rendered() -> Result<Vec<(&'static Entry, String)>, ExportError> {
    Ok(registry::unique_entries()?
        .into_iter()
        .map(|e| (e, e.schema_file()))
        .collect())
}

/// Writes every registered schema into `dir` (created if needed) as
/// `<slug>.schema.json`, returning the paths written. Other `*.schema.json`
/// files in `dir` (a model renamed or removed) are deleted, so the directory
/// holds exactly the registry; files with other names are left alone.
pub fn write_all_schemas(dir: &Path) -> Result<Vec<PathBuf>, ExportError> {
    let files = rendered()?;
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut written = Vec::with_capacity(files.len());
    let mut expected = BTreeSet::new();
    for (entry, text) in files {
        let name = entry.file_name();
        let path = dir.join(&name);
        std::fs::write(&path, text).map_err(io(&path))?;
        written.push(path);
        expected.insert(name);
    }
    for name in extra_schema_files(dir, &expected)? {
        let path = dir.join(name);
        std::fs::remove_file(&path).map_err(io(&path))?;
    }
    Ok(written)
}

/// How a directory differs from what the registry would export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DirReport {
    /// Schemas the directory lacks.
    pub missing: Vec<String>,
    /// Schemas whose bytes differ from the export.
    pub stale: Vec<String>,
    /// `*.schema.json` files no registered type produces.
    pub extra: Vec<String>,
}

impl DirReport {
    /// Whether the directory is exactly what the export would write.
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.stale.is_empty() && self.extra.is_empty()
    }
}

/// Compares `dir` with what [`write_all_schemas`] would write there.
pub fn check_dir(dir: &Path) -> Result<DirReport, ExportError> {
    let mut report = DirReport::default();
    let mut expected = BTreeSet::new();
    for (entry, text) in rendered()? {
        let name = entry.file_name();
        let path = dir.join(&name);
        match std::fs::read_to_string(&path) {
            Ok(found) if found == text => {}
            Ok(_) => report.stale.push(name.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => report.missing.push(name.clone()),
            Err(e) => return Err(io(&path)(e)),
        }
        expected.insert(name);
    }
    report.extra = extra_schema_files(dir, &expected)?;
    Ok(report)
}

/// The `*.schema.json` files in `dir` that are not `expected`, sorted.
fn extra_schema_files(dir: &Path, expected: &BTreeSet<String>) -> Result<Vec<String>, ExportError> {
    let mut extra = Vec::new();
    if dir.exists() {
        for item in std::fs::read_dir(dir).map_err(io(dir))? {
            let name = item
                .map_err(io(dir))?
                .file_name()
                .to_string_lossy()
                .into_owned();
            if name.ends_with(greentic_types_dsl::SCHEMA_FILE_SUFFIX) && !expected.contains(&name) {
                extra.push(name);
            }
        }
    }
    extra.sort();
    Ok(extra)
}
