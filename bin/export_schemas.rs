//! Writes every registered JSON Schema into `dist/schemas/v1/`, the schema
//! site (`dist/index.html`, `dist/schemas/v1/<slug>.html`; feature `site`)
//! and `dist/.nojekyll`.
//!
//! ```text
//! export-schemas            write dist/
//! export-schemas --out DIR  use DIR instead of dist/
//! export-schemas --check    write nothing; exit 1 naming every file missing, stale or extra
//! export-schemas --list     print slug, $id and Rust type of every schema
//! ```
//!
//! (Arguments are read by hand: this binary needs only the `schema` feature,
//! and `clap` belongs to `cli`.) Built without `site`, it writes and checks
//! the schemas and `.nojekyll` alone, as 0.4.13's did, and leaves the site's
//! files as they are.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[cfg(feature = "site")]
use greentic_types::site;
use greentic_types::{registry, schema};

const HELP: &str = "\
export-schemas: write every registered JSON Schema (and, built with the
`site` feature, the schema site)

Usage: export-schemas [--out DIR] [--check | --list]

Writes DIR/schemas/v1/<slug>.schema.json (one per model; schema files no model
produces are removed), the site (DIR/index.html and DIR/schemas/v1/<slug>.html:
fields, rules, references, editor lines; plain HTML that reads the same from
disk and from GitHub Pages; only when built with the `site` feature) and
DIR/.nojekyll.

Options:
  --out DIR   the directory to write or check (default: dist)
  --check     write nothing: list every file missing, stale or extra under DIR,
              with the command that refreshes them
  --list      write nothing: print `slug<TAB>$id<TAB>Rust type` per schema
  -h, --help  this text

Exit status:
  0  written, up to date (--check) or listed; also when stdout is closed early
  1  --check found a file missing, stale or extra
  2  usage error, a file that cannot be read or written, or stdout that
     cannot be written (a full disk: `--list > /dev/full`)";

/// Why the output stopped: a closed stdout ends the program quietly
/// (status 0); any other write error (a full disk) is reported (status 2).
enum Stop {
    Closed,
    Failed(std::io::Error),
}

fn out(text: &str) -> Result<(), Stop> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Stop::Closed),
        Err(e) => Err(Stop::Failed(e)),
    }
}

fn main() -> ExitCode {
    let mut dist = PathBuf::from("dist");
    let mut out_given = false;
    let mut mode = "write";
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => match args.next() {
                Some(dir) => {
                    dist = PathBuf::from(dir);
                    out_given = true;
                }
                None => return usage("--out needs a directory"),
            },
            "--check" if mode == "write" => mode = "check",
            "--list" if mode == "write" => mode = "list",
            "--check" | "--list" => return usage("--check and --list exclude each other"),
            "-h" | "--help" => {
                return match out(&format!("{HELP}\n")) {
                    Err(Stop::Failed(e)) => cannot_write(&e),
                    _ => ExitCode::SUCCESS,
                };
            }
            other => return usage(&format!("unknown argument `{other}`")),
        }
    }
    let result = match mode {
        "check" => check(&dist, out_given),
        "list" => list(),
        _ => write(&dist),
    };
    match result {
        Ok(Ok(code)) => code,
        Ok(Err(Stop::Closed)) => ExitCode::SUCCESS,
        Ok(Err(Stop::Failed(e))) => cannot_write(&e),
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "export-schemas: {e}");
            ExitCode::from(2)
        }
    }
}

fn cannot_write(e: &std::io::Error) -> ExitCode {
    let _ = writeln!(
        std::io::stderr(),
        "export-schemas: cannot write the output: {e}"
    );
    ExitCode::from(2)
}

fn usage(problem: &str) -> ExitCode {
    let _ = writeln!(
        std::io::stderr(),
        "export-schemas: {problem}\nUsage: export-schemas [--out DIR] [--check | --list] (--help for more)"
    );
    ExitCode::from(2)
}

/// Where the schemas go inside a dist directory.
const SCHEMA_DIR: &str = "schemas/v1";

type Outcome = Result<Result<ExitCode, Stop>, schema::ExportError>;

fn write(dist: &Path) -> Outcome {
    let out_dir = dist.join(SCHEMA_DIR);
    let written = schema::write_all_schemas(&out_dir)?;
    #[cfg(feature = "site")]
    let pages = site::write_site(dist)?;
    let marker = dist.join(".nojekyll");
    std::fs::write(&marker, "").map_err(|source| schema::ExportError::Io {
        path: marker.clone(),
        source,
    })?;
    #[cfg(feature = "site")]
    let site = format!(
        " and {} pages of the site ({})",
        pages.len(),
        dist.join("index.html").display()
    );
    #[cfg(not(feature = "site"))]
    let site = " (not the schema site: build with `--features site`)";
    Ok(out(&format!(
        "wrote {} schemas to {}{site}\n",
        written.len(),
        out_dir.display(),
    ))
    .map(|()| ExitCode::SUCCESS))
}

/// The feature this binary was built with that writes what it checks.
const FEATURE: &str = if cfg!(feature = "site") {
    "site"
} else {
    "schema"
};

/// The command that refreshes `dist`.
fn refresh_command(dist: &Path, out_given: bool) -> String {
    if out_given {
        let shown = dist.display().to_string();
        let quoted = if shown
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:@%".contains(c))
        {
            shown
        } else {
            format!("'{}'", shown.replace('\'', r"'\''"))
        };
        format!("cargo run --features {FEATURE} --bin export-schemas -- --out {quoted}")
    } else {
        format!("cargo run --features {FEATURE} --bin export-schemas")
    }
}

fn check(dist: &Path, out_given: bool) -> Outcome {
    let out_dir = dist.join(SCHEMA_DIR);
    let schemas = schema::check_dir(&out_dir)?;
    #[cfg(feature = "site")]
    let pages = site::check_site(dist)?;
    #[cfg(not(feature = "site"))]
    let pages = schema::DirReport::default();
    let marker = dist.join(".nojekyll");
    let mut text = String::new();
    let marker_ok = marker.is_file();
    if !marker_ok {
        text.push_str(&format!("missing: {}\n", marker.display()));
    }
    for (what, names) in [
        ("missing", &schemas.missing),
        ("stale", &schemas.stale),
        ("extra", &schemas.extra),
    ] {
        for name in names {
            text.push_str(&format!("{what}: {}\n", out_dir.join(name).display()));
        }
    }
    for (what, names) in [
        ("missing", &pages.missing),
        ("stale", &pages.stale),
        ("extra", &pages.extra),
    ] {
        for name in names {
            text.push_str(&format!("{what}: {}\n", dist.join(name).display()));
        }
    }
    let clean = schemas.is_clean() && pages.is_clean() && marker_ok;
    if clean {
        let scope = if cfg!(feature = "site") {
            ""
        } else {
            " (the schemas; the site is checked by a build with `--features site`)"
        };
        text.push_str(&format!("{} is up to date{scope}\n", dist.display()));
    } else {
        text.push_str(&format!(
            "run `{}` to refresh\n",
            refresh_command(dist, out_given)
        ));
    }
    Ok(out(&text).map(|()| {
        if clean {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }))
}

fn list() -> Outcome {
    let mut text = String::new();
    for entry in registry::unique_entries()? {
        text.push_str(&format!(
            "{}\t{}\t{}\n",
            entry.slug(),
            entry.id(),
            entry.rust_type()
        ));
    }
    Ok(out(&text).map(|()| ExitCode::SUCCESS))
}
