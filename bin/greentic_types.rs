//! `greentic-types`: validate documents against the registered models, print
//! their schemas, and compare two versions of the schemas.
//!
//! ```text
//! greentic-types validate [--model SLUG] FILE...     JSON, or YAML for .yaml/.yml/.ygtc; `-` is stdin
//! greentic-types validate [--model SLUG] --jsonl     one JSON document per stdin line
//! greentic-types models                              every slug, with its Rust type
//! greentic-types schema SLUG                         one model's JSON Schema
//! greentic-types compat OLD NEW | --against DIR      what a schema change breaks
//! greentic-types completions SHELL                   a shell completion script
//! ```
//!
//! `greentic-types --help` (and `help COMMAND`) documents every option and
//! exit status.

mod document;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use greentic_types::compat::{self, Allow};
use greentic_types::registry::{self, Entry};

use document::{Checker, ModelSource, Problem, Syntax, escape_separators, one_line};

const EXIT_STATUS: &str = "\
Exit status:
  0  success: every document valid (validate), no breaking change that --allow
     does not list (compat); also when stdout is closed early (`| head`)
  1  a document is invalid or unreadable or names no model of ours (validate),
     a breaking change that --allow does not list or an --allow rule that
     accepts nothing (compat)
  2  usage error: unknown command or option, unknown model, a schema directory
     that cannot be read; or stdout that cannot be written (a full disk:
     `models > /dev/full`), with a message on stderr";

/// Validate Greentic documents against their models, print the models' JSON
/// Schemas, and compare two versions of the schemas.
#[derive(Parser)]
#[command(name = "greentic-types", version, after_help = EXIT_STATUS)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate documents: every violation, each with its JSON pointer and rule.
    #[command(after_help = VALIDATE_HELP)]
    Validate(ValidateArgs),
    /// List every registered model: slug and Rust type (tab-separated).
    #[command(after_help = EXIT_STATUS)]
    Models {
        /// `text`: `slug<TAB>Rust type` per line; `json`: one object per line
        /// with `slug`, `id`, `title`, `rust_type`.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print one model's JSON Schema (what `export-schemas` writes for it).
    #[command(after_help = EXIT_STATUS)]
    Schema {
        /// The model's slug (`greentic-types models` lists them).
        slug: String,
    },
    /// Compare two versions of the schemas: what breaks old readers, what
    /// breaks old writers.
    #[command(after_help = COMPAT_HELP)]
    Compat(CompatArgs),
    /// Print a completion script for SHELL on stdout.
    #[command(after_help = EXIT_STATUS)]
    Completions {
        /// bash, elvish, fish, powershell or zsh.
        shell: clap_complete::Shell,
    },
}

const VALIDATE_HELP: &str = "\
Without --model, each document names its model: a root `$schema` or `$id` equal
to one of the registry's `$id`s (https://greentic-ai.github.io/greentic-types/
schemas/v1/<slug>.schema.json), or, in YAML, a first comment line
`# yaml-language-server: $schema=<$id>`. A document that names none is
reported as such (exit 1).

Files are JSON, or YAML when their extension is .yaml, .yml or .ygtc (any case);
`-` reads stdin (JSON unless --input yaml). YAML merge keys (`<<: *base`) are
applied before the document is read; YAML aliases that expand past a limit
(\"billion laughs\") are refused; `.inf` and `.nan` are refused with a message
that says so. A JSON document that starts with a byte-order mark is refused
(RFC 8259 §8.1).

Output (stdout), text format: `ok      FILE` or `invalid FILE` followed by one
`  POINTER: RULE` line per violation, in document order; the root is `(root)`.
The typed read names the first rule the code enforces; the model's JSON Schema
finds the others. With --jsonl, each stdin line gets exactly one line:
`ok <canonical JSON>` or `error <POINTER: RULE>[; <POINTER: RULE>...]`.
With --format json, one JSON object per document (or line):
  files: {\"file\", \"model\", \"model_from\", \"valid\", \"violations\": [{\"pointer\", \"rule\"}]}
  --jsonl: {\"valid\": true, \"canonical\": ...} or {\"valid\": false, \"violations\": [...]}
In text, pointers and rules are escaped so no value can fake a line or a
violation: a backslash doubled, control characters as `\\n`, `\\t`, `\\u0085`...,
`: ` inside a pointer as `\\u003a `, and (--jsonl) `; ` inside a part as
`\\u003b `. A document that is not JSON (or YAML) is reported by its syntax
error, with line and column, even without --model.
U+0085, U+2028 and U+2029 are escaped in every output line. Nothing but this
report is written to stdout; usage errors go to stderr.

Exit status:
  0  every document valid (or stdout closed early)
  1  some document invalid or unreadable, or naming no model of ours
  2  usage error, unknown --model, or stdout that cannot be written (a full
     disk), with a message on stderr";

const COMPAT_HELP: &str = "\
Compares the schemas of two directories of `<slug>.schema.json` files (OLD is
what is deployed, NEW what would replace it), or a directory with this
build's own registry (--against DIR: DIR is old, the registry new). `$ref`s
are followed on both sides, into `$defs` and into other files of the
directory. Each change is reported at its JSON pointer
inside the new schema (inside another file of the directory reached through
a `$ref`: FILE#POINTER), as:
  breaks readers  the new schema admits documents the old one rejects
                  (enum value or variant added, type widened, pattern or bound
                  loosened, required field dropped, property removed from an
                  open object or added to a closed one, oneOf turned anyOf):
                  services still on the old schema reject what new writers
                  send
  breaks writers  the old schema admits documents the new one rejects (field
                  newly required, type narrowed, value or variant removed,
                  const added, pattern or bound added or tightened,
                  additionalProperties: false added, anyOf turned oneOf): what
                  old writers send is rejected
  breaks both     a type replaced, a pattern rewritten, a $ref that cannot be
                  followed changed, an unknown keyword
  compatible      docs, defaults, `format`, `x-` extensions, an optional
                  property added to an open object, a new schema (listed with
                  --verbose)

--allow RULE accepts breaking changes (repeatable):
  SLUG             every change in that schema
  SLUG:POINTER     the changes at POINTER or below it in that schema
  *:POINTER        the changes at POINTER or below it in any schema
  kind=KIND        every change of that kind (pattern-added, bound-tightened,
                   required-added, variant-added, enum-value-added, ...)

An --allow RULE that accepts no breaking change (a typo, or a change since
fixed) is reported (stderr, the report, and `unused_allow` in JSON) and the
run fails, so an allow-list cannot rot unseen.

Exit status:
  0  no breaking change, or every one is allowed, and every --allow is used
  1  a breaking change that --allow does not list, or an --allow RULE that
     accepts nothing
  2  usage error, a directory or schema that cannot be read, or stdout that
     cannot be written (a full disk), with a message on stderr";

#[derive(clap::Args)]
struct ValidateArgs {
    /// The model's slug (`greentic-types models`); without it, each document
    /// names its own through `$schema` or `$id`.
    #[arg(long, short, value_name = "SLUG")]
    model: Option<String>,
    /// Read one JSON document per stdin line; answer one line per line.
    #[arg(long, conflicts_with = "files")]
    jsonl: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// How to read FILEs: by extension (auto), or all as JSON or as YAML.
    #[arg(long, value_enum, default_value_t = Input::Auto)]
    input: Input,
    /// The largest document (or --jsonl line) read, in bytes; larger ones are
    /// refused unread.
    #[arg(long, value_name = "BYTES", default_value_t = document::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Documents to check; `-` is stdin.
    #[arg(value_name = "FILE", required_unless_present = "jsonl")]
    files: Vec<String>,
}

#[derive(clap::Args)]
struct CompatArgs {
    /// The old schema directory (what is deployed).
    #[arg(
        value_name = "OLD",
        requires = "new",
        required_unless_present = "against"
    )]
    old: Option<PathBuf>,
    /// The new schema directory.
    #[arg(value_name = "NEW")]
    new: Option<PathBuf>,
    /// Compare DIR (old) with this build's own schemas (new).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["old", "new"])]
    against: Option<PathBuf>,
    /// Accept breaking changes matching RULE (see below); repeatable.
    #[arg(long, value_name = "RULE")]
    allow: Vec<String>,
    /// List compatible changes too.
    #[arg(long, short)]
    verbose: bool,
    /// Output format: a human report, or one JSON document.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Input {
    Auto,
    Json,
    Yaml,
}

/// How a command ends, when not by finishing its output.
enum Stop {
    /// Stdout was closed: end quietly, status 0.
    Closed,
    /// Another write failure.
    Failed(std::io::Error),
}

impl From<std::io::Error> for Stop {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Stop::Closed
        } else {
            Stop::Failed(e)
        }
    }
}

/// Buffered stdout whose every write reports a closed pipe as [`Stop::Closed`].
struct Out(std::io::BufWriter<std::io::StdoutLock<'static>>);

impl Out {
    fn new() -> Self {
        Out(std::io::BufWriter::new(std::io::stdout().lock()))
    }

    fn line(&mut self, text: &str) -> Result<(), Stop> {
        self.0.write_all(text.as_bytes())?;
        self.0.write_all(b"\n")?;
        Ok(())
    }

    fn text(&mut self, text: &str) -> Result<(), Stop> {
        self.0.write_all(text.as_bytes())?;
        Ok(())
    }

    fn finish(mut self, code: u8) -> Result<u8, Stop> {
        self.0.flush()?;
        Ok(code)
    }
}

/// A message on stderr; a closed stderr is ignored.
fn warn(message: &str) {
    let _ = writeln!(std::io::stderr(), "greentic-types: {message}");
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate(args) => validate(args),
        Command::Models { format } => models(format),
        Command::Schema { slug } => schema(&slug),
        Command::Compat(args) => compat(args),
        Command::Completions { shell } => completions(shell),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Stop::Closed) => ExitCode::SUCCESS,
        Err(Stop::Failed(e)) => {
            warn(&format!("cannot write the output: {e}"));
            ExitCode::from(2)
        }
    }
}

fn models(format: Format) -> Result<u8, Stop> {
    let mut out = Out::new();
    for entry in registry::entries() {
        match format {
            Format::Text => out.line(&format!("{}\t{}", entry.slug(), entry.rust_type()))?,
            Format::Json => out.line(&escape_separators(
                &serde_json::json!({
                    "slug": entry.slug(),
                    "id": entry.id(),
                    "title": entry.title(),
                    "rust_type": entry.rust_type(),
                })
                .to_string(),
            ))?,
        }
    }
    out.finish(0)
}

/// The entry for `slug`, or status 2 after saying why (with the known slugs).
fn entry_or_exit(slug: &str) -> Result<&'static Entry, u8> {
    match registry::lookup(slug) {
        Ok(entry) => Ok(entry),
        Err(registry::LookupError::Unknown(slug)) => {
            let mut text = format!(
                "greentic-types: unknown model `{slug}`; known models (`greentic-types models`):\n"
            );
            for e in registry::entries() {
                text.push_str("  ");
                text.push_str(e.slug());
                text.push('\n');
            }
            let _ = std::io::stderr().write_all(text.as_bytes());
            Err(2)
        }
        Err(duplicate) => {
            warn(&duplicate.to_string());
            Err(2)
        }
    }
}

fn schema(slug: &str) -> Result<u8, Stop> {
    let entry = match entry_or_exit(slug) {
        Ok(entry) => entry,
        Err(code) => return Ok(code),
    };
    let mut out = Out::new();
    out.text(&entry.schema_file())?;
    out.finish(0)
}

fn completions(shell: clap_complete::Shell) -> Result<u8, Stop> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "greentic-types", &mut script);
    let mut out = Out::new();
    out.0.write_all(&script)?;
    out.finish(0)
}

fn compat(args: CompatArgs) -> Result<u8, Stop> {
    let allow = match Allow::parse(&args.allow) {
        Ok(allow) => allow,
        Err(e) => {
            warn(&e);
            return Ok(2);
        }
    };
    let sets = match (&args.against, &args.old, &args.new) {
        (Some(dir), _, _) => {
            compat::read_dir(dir).and_then(|old| Ok((old, compat::registry_schemas()?)))
        }
        (None, Some(old), Some(new)) => {
            compat::read_dir(old).and_then(|o| Ok((o, compat::read_dir(new)?)))
        }
        _ => {
            warn("compat needs OLD and NEW, or --against DIR");
            return Ok(2);
        }
    };
    let (old, new) = match sets {
        Ok(sets) => sets,
        Err(e) => {
            warn(&e.to_string());
            return Ok(2);
        }
    };
    if old.is_empty() {
        let dir = args.against.as_ref().or(args.old.as_ref());
        warn(&format!(
            "no *.schema.json in {}",
            dir.map(|d| d.display().to_string()).unwrap_or_default()
        ));
        return Ok(2);
    }
    let report = compat::compare_sets(&old, &new);
    let mut out = Out::new();
    match args.format {
        Format::Text => out.text(&report.render(&allow, args.verbose))?,
        Format::Json => {
            let json = serde_json::to_string_pretty(&report.to_json(&allow))
                .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()));
            out.line(&escape_separators(&json))?
        }
    }
    let unused = allow.unused(&report);
    for rule in &unused {
        warn(&format!(
            "--allow `{rule}` accepts no breaking change: remove it (a typo, or a change since fixed)"
        ));
    }
    let code = if report.summary(&allow).breaking > 0 || !unused.is_empty() {
        1
    } else {
        0
    };
    out.finish(code)
}

fn validate(args: ValidateArgs) -> Result<u8, Stop> {
    let model = match &args.model {
        Some(slug) => match entry_or_exit(slug) {
            Ok(entry) => Some(entry),
            Err(code) => return Ok(code),
        },
        None => None,
    };
    if args.jsonl {
        validate_lines(model, &args)
    } else {
        validate_files(model, &args)
    }
}

/// One answer line per stdin line.
fn validate_lines(model: Option<&'static Entry>, args: &ValidateArgs) -> Result<u8, Stop> {
    let mut checker = Checker::default();
    let mut input = std::io::BufReader::new(std::io::stdin().lock());
    let mut out = Out::new();
    let mut all_ok = true;
    let mut line = Vec::new();
    loop {
        let verdict = match document::read_line_limited(&mut input, &mut line, args.max_bytes) {
            Ok(None) => break,
            Ok(Some(false)) => Err(vec![document::too_large(args.max_bytes)]),
            Ok(Some(true)) => match std::str::from_utf8(&line) {
                Ok(text) => checker.check(model, text, Syntax::Json).result,
                Err(e) => Err(vec![Problem::root(format!(
                    "not UTF-8 text (invalid byte at offset {})",
                    e.valid_up_to()
                ))]),
            },
            Err(e) => {
                all_ok = false;
                warn(&format!("cannot read stdin: {e}"));
                break;
            }
        };
        if verdict.is_err() {
            all_ok = false;
        }
        let answer = match (args.format, verdict) {
            (Format::Text, Ok(canonical)) => format!("ok {canonical}"),
            (Format::Text, Err(problems)) => {
                let lines: Vec<String> = problems.iter().map(Problem::jsonl_part).collect();
                format!("error {}", lines.join("; "))
            }
            (Format::Json, Ok(canonical)) => {
                format!("{{\"valid\":true,\"canonical\":{canonical}}}")
            }
            (Format::Json, Err(problems)) => serde_json::json!({
                "valid": false,
                "violations": problems_json(&problems),
            })
            .to_string(),
        };
        out.line(&escape_separators(&answer))?;
    }
    out.finish(if all_ok { 0 } else { 1 })
}

fn problems_json(problems: &[Problem]) -> Vec<serde_json::Value> {
    problems
        .iter()
        .map(|p| serde_json::json!({"pointer": p.pointer, "rule": p.rule}))
        .collect()
}

fn syntax_of(file: &str, input: Input) -> Syntax {
    match input {
        Input::Json => Syntax::Json,
        Input::Yaml => Syntax::Yaml,
        Input::Auto => {
            let yaml = std::path::Path::new(file)
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| {
                    ["yaml", "yml", "ygtc"]
                        .iter()
                        .any(|y| e.eq_ignore_ascii_case(y))
                });
            if yaml { Syntax::Yaml } else { Syntax::Json }
        }
    }
}

fn read_file(file: &str, max: u64, stdin_used: &mut bool) -> Result<String, Problem> {
    if file == "-" {
        if std::mem::replace(stdin_used, true) {
            return Err(Problem::root("stdin (`-`) was already read"));
        }
        return document::read_limited(std::io::stdin().lock(), max, "stdin");
    }
    let handle =
        std::fs::File::open(file).map_err(|e| Problem::root(format!("cannot read: {e}")))?;
    if let Ok(meta) = handle.metadata() {
        if meta.is_dir() {
            return Err(Problem::root("cannot read: is a directory"));
        }
        if meta.len() > max {
            return Err(document::too_large(max));
        }
    }
    document::read_limited(handle, max, "the file")
}

fn validate_files(model: Option<&'static Entry>, args: &ValidateArgs) -> Result<u8, Stop> {
    let mut checker = Checker::default();
    let mut out = Out::new();
    let mut all_ok = true;
    let mut stdin_used = false;
    for file in &args.files {
        let syntax = syntax_of(file, args.input);
        let verdict = match read_file(file, args.max_bytes, &mut stdin_used) {
            Ok(text) => checker.check(model, &text, syntax),
            Err(problem) => document::Verdict {
                model: model.map(|e| (e, ModelSource::Option)),
                result: Err(vec![problem]),
            },
        };
        if verdict.result.is_err() {
            all_ok = false;
        }
        let (slug, from) = match verdict.model {
            Some((entry, ModelSource::Option)) => (Some(entry.slug()), "--model"),
            Some((entry, ModelSource::Document(from))) => (Some(entry.slug()), from),
            None => (None, "none"),
        };
        match args.format {
            Format::Json => {
                let (valid, problems) = match &verdict.result {
                    Ok(_) => (true, Vec::new()),
                    Err(problems) => (false, problems_json(problems)),
                };
                out.line(&escape_separators(
                    &serde_json::json!({
                        "file": file,
                        "model": slug,
                        "model_from": from,
                        "valid": valid,
                        "violations": problems,
                    })
                    .to_string(),
                ))?;
            }
            Format::Text => {
                let note = match verdict.model {
                    Some((entry, ModelSource::Document(from))) => {
                        format!("  (model {} from {from})", entry.slug())
                    }
                    _ => String::new(),
                };
                let name = one_line(file);
                match &verdict.result {
                    Ok(_) => out.line(&format!("ok      {name}{note}"))?,
                    Err(problems) => {
                        out.line(&format!("invalid {name}{note}"))?;
                        for problem in problems {
                            out.line(&format!("  {}", problem.line()))?;
                        }
                    }
                }
            }
        }
    }
    out.finish(if all_ok { 0 } else { 1 })
}
