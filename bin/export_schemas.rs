//! Writes every registered JSON Schema into `dist/schemas/v1/` (plus `dist/.nojekyll`).
//!
//! ```text
//! export-schemas            write dist/schemas/v1/ and dist/.nojekyll
//! export-schemas --out DIR  use DIR instead of dist/ (DIR/schemas/v1/, DIR/.nojekyll)
//! export-schemas --check    exit 1, listing files missing, stale or extra
//! export-schemas --list     print slug, $id and Rust type of every schema
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use greentic_types::{registry, schema};

const USAGE: &str = "usage: export-schemas [--out DIR] [--check | --list]";

fn main() -> ExitCode {
    let mut out = PathBuf::from("dist");
    let mut mode = "write";
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => match args.next() {
                Some(dir) => out = PathBuf::from(dir),
                None => return usage("--out needs a directory"),
            },
            "--check" => mode = "check",
            "--list" => mode = "list",
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => return usage(&format!("unknown argument `{other}`")),
        }
    }
    let result = match mode {
        "check" => check(&out),
        "list" => list(),
        _ => write(&out),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("export-schemas: {e}");
            ExitCode::from(2)
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("export-schemas: {problem}\n{USAGE}");
    ExitCode::from(2)
}

/// Where the schemas go inside a dist directory.
const SCHEMA_DIR: &str = "schemas/v1";

fn write(dist: &Path) -> Result<ExitCode, schema::ExportError> {
    let out = dist.join(SCHEMA_DIR);
    let written = schema::write_all_schemas(&out)?;
    let marker = dist.join(".nojekyll");
    std::fs::write(&marker, "").map_err(|source| schema::ExportError::Io {
        path: marker.clone(),
        source,
    })?;
    println!("wrote {} schemas to {}", written.len(), out.display());
    Ok(ExitCode::SUCCESS)
}

fn check(dist: &Path) -> Result<ExitCode, schema::ExportError> {
    let out = dist.join(SCHEMA_DIR);
    let report = schema::check_dir(&out)?;
    let marker = dist.join(".nojekyll");
    let marker_ok = marker.is_file();
    if !marker_ok {
        println!("missing: {}", marker.display());
    }
    for (what, names) in [
        ("missing", &report.missing),
        ("stale", &report.stale),
        ("extra", &report.extra),
    ] {
        for name in names {
            println!("{what}: {}", out.join(name).display());
        }
    }
    if report.is_clean() && marker_ok {
        println!("{} is up to date", out.display());
        Ok(ExitCode::SUCCESS)
    } else {
        println!("run `cargo run --features schema --bin export-schemas` to refresh");
        Ok(ExitCode::FAILURE)
    }
}

fn list() -> Result<ExitCode, schema::ExportError> {
    for entry in registry::unique_entries()? {
        println!("{}\t{}\t{}", entry.slug(), entry.id(), entry.rust_type());
    }
    Ok(ExitCode::SUCCESS)
}
