//! The command-line tools, run as a user runs them.
#![cfg(feature = "cli")]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(bin: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(bin)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("exit")
}

fn validate(args: &[&str], stdin: &str) -> (i32, String, String) {
    let out = run(env!("CARGO_BIN_EXE_greentic-types"), args, stdin);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn jsonl_answers_exactly_one_line_per_input_line() {
    let input = concat!(
        "{\"tenant_id\": \"acme\", \"attributes\": {\"b\": \"2\", \"a\": \"1\"}}\n",
        "{\"tenant_id\": \"a b\"}\n",
        "not json\n",
        "\n",
        "{\"tenant_id\": \"x\", \"team_id\": 5}\n",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]\n",
    );
    let (code, stdout, _) = validate(&["validate", "--model", "tenant-context", "--jsonl"], input);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 6, "{stdout}");
    assert_eq!(
        lines[0], r#"ok {"tenant_id":"acme","attributes":{"a":"1","b":"2"}}"#,
        "canonical form: fields in declaration order, map keys sorted"
    );
    assert_eq!(
        lines[1],
        "error /tenant_id: TenantId must contain only ASCII letters, digits, '.', '-', '_'"
    );
    assert!(
        lines[2].starts_with("error (root): not JSON"),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].starts_with("error (root): empty document"),
        "{}",
        lines[3]
    );
    assert_eq!(
        lines[4],
        "error /team_id: invalid type: integer `5`, expected a TeamId string"
    );
    // Read straight from text: the first `[` is already not an object; the
    // schema pass then finds the nesting past the parser's limit.
    assert!(
        lines[5].starts_with("error (root): invalid type: sequence, expected struct TenantContext; (root): nested deeper than"),
        "{}",
        lines[5]
    );
    assert_eq!(code, 1, "some line was invalid");

    let (code, stdout, _) = validate(
        &["validate", "--model", "pack-id", "--jsonl"],
        "\"p.1\"\n\"p-2\"\n",
    );
    assert_eq!((code, stdout.as_str()), (0, "ok \"p.1\"\nok \"p-2\"\n"));
}

#[test]
fn files_are_read_as_json_or_yaml_by_extension() {
    let dir = std::env::temp_dir().join(format!("greentic-types-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let good_yaml = dir.join("ctx.ygtc");
    std::fs::write(
        &good_yaml,
        "env: prod\ntenant: acme\ntenant_id: acme\nattempt: 1\n",
    )
    .expect("write");
    let bad_json = dir.join("ctx.json");
    std::fs::write(
        &bad_json,
        r#"{"env": "prod", "tenant": "a", "tenant_id": "b", "attempt": 1}"#,
    )
    .expect("write");
    let (g, b) = (good_yaml.to_string_lossy(), bad_json.to_string_lossy());

    let (code, stdout, _) = validate(&["validate", "--model", "tenant-ctx", &g], "");
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(stdout, format!("ok      {g}\n"));

    let (code, stdout, _) = validate(&["validate", "--model", "tenant-ctx", &g, &b], "");
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        format!("ok      {g}\ninvalid {b}\n  /tenant: must equal `tenant_id` (legacy twin)\n")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unknown_model_lists_the_known_ones() {
    let (code, _, stderr) = validate(&["validate", "--model", "nope", "--jsonl"], "");
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown model `nope`"), "{stderr}");
    assert!(stderr.lines().any(|l| l.trim() == "tenant-ctx"), "{stderr}");
    let (code, _, stderr) = validate(&["validate"], "");
    assert_eq!(code, 2);
    assert!(stderr.to_lowercase().contains("usage"), "{stderr}");
}

#[test]
fn export_schemas_writes_checks_and_lists() {
    let bin = env!("CARGO_BIN_EXE_export-schemas");
    let dir = std::env::temp_dir().join(format!("greentic-types-dist-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_string_lossy().into_owned();

    let out = run(bin, &["--out", &d, "--check"], "");
    assert_eq!(out.status.code(), Some(1), "an empty dir is not up to date");
    assert!(String::from_utf8_lossy(&out.stdout).contains("missing: "));

    let out = run(bin, &["--out", &d], "");
    assert!(out.status.success());
    assert!(dir.join(".nojekyll").is_file());
    assert!(dir.join("schemas/v1/tenant-ctx.schema.json").is_file());
    assert_eq!(
        run(bin, &["--out", &d, "--check"], "").status.code(),
        Some(0)
    );

    std::fs::write(dir.join("schemas/v1/tenant-ctx.schema.json"), "{}").expect("corrupt");
    std::fs::write(dir.join("schemas/v1/old.schema.json"), "{}").expect("extra");
    let out = run(bin, &["--out", &d, "--check"], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout.contains("stale: ") && stdout.contains("tenant-ctx.schema.json"),
        "{stdout}"
    );
    assert!(
        stdout.contains("extra: ") && stdout.contains("old.schema.json"),
        "{stdout}"
    );

    let out = run(bin, &["--list"], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.lines().any(|l| l.starts_with(
        "tenant-ctx\thttps://greentic-ai.github.io/greentic-types/schemas/v1/tenant-ctx.schema.json\tgreentic_types::tenant::TenantCtx"
    )), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("greentic-types-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_string_lossy().into_owned()
}

const TENANT_CTX_ID: &str =
    "https://greentic-ai.github.io/greentic-types/schemas/v1/tenant-ctx.schema.json";

#[test]
fn validate_lists_every_violation_once_in_document_order() {
    let dir = temp("every");
    // The typed read stops at `/user_id` (a boolean); the schema finds the
    // rest: `/tenant_id` of the wrong type, `/team` breaking the id pattern,
    // `/attempt` below its minimum. `/user_id` is reported once.
    let file = write(
        &dir,
        "ctx.json",
        r#"{"env": "prod", "tenant": "acme", "user_id": false, "tenant_id": 7, "team": "a b", "attempt": -1}"#,
    );
    let (code, stdout, stderr) = validate(&["validate", "--model", "tenant-ctx", &file], "");
    assert_eq!((code, stderr.as_str()), (1, ""), "{stdout}");
    let lines: Vec<&str> = stdout.lines().skip(1).collect();
    let pointers: Vec<&str> = lines
        .iter()
        .map(|l| l.trim().split(": ").next().unwrap_or(""))
        .collect();
    assert_eq!(
        pointers,
        ["/user_id", "/tenant_id", "/team", "/attempt"],
        "document order, each pointer once:\n{stdout}"
    );
    assert!(
        lines[0].contains("invalid type: boolean `false`, expected a UserId string"),
        "the typed rule: {stdout}"
    );
    assert!(
        lines[1].ends_with("/tenant_id: value is not of type \"string\" (schema: type)"),
        "{stdout}"
    );
    assert!(
        lines[3].ends_with("/attempt: value is less than the minimum of 0 (schema: minimum)"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_field_is_reported_once_and_the_other_missing_ones_too() {
    let (code, stdout, _) = validate(
        &["validate", "--model", "tenant-ctx", "--jsonl"],
        "{\"tenant\": \"acme\", \"attempt\": 1}\n",
    );
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "error (root): missing field `env`; (root): \"tenant_id\" is a required property (schema: required)\n",
        "the typed read names `env`, the schema adds `tenant_id`, and `env` is not repeated"
    );
}

#[test]
fn a_rule_containing_semicolons_stays_on_one_line() {
    let dir = temp("semicolon");
    let file = write(
        &dir,
        "flow.json",
        r#"{"id": "f", "kind": "a; b", "entry": "n", "nodes": {}}"#,
    );
    let (code, stdout, _) = validate(&["validate", "--model", "flow", &file], "");
    assert_eq!(code, 1, "{stdout}");
    let line = stdout
        .lines()
        .find(|l| l.contains("unknown variant"))
        .unwrap_or_else(|| panic!("no unknown-variant line in\n{stdout}"));
    assert!(
        line.trim_start()
            .starts_with("/kind: unknown variant `a; b`"),
        "{line}"
    );
    assert!(
        !stdout.lines().any(|l| l.trim_start().starts_with("b`")),
        "never split inside the value: {stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn closed_stdout_ends_every_output_path_quietly_with_status_0() {
    let dir = temp("pipe");
    let files: Vec<String> = (0..2000)
        .map(|i| write(&dir, &format!("{i}.json"), "{\"tenant_id\": \"a b\"}"))
        .collect();
    let mut validate_args = vec!["validate", "--model", "tenant-context"];
    validate_args.extend(files.iter().map(String::as_str));
    let jsonl: String = "{\"tenant_id\": \"acme\"}\n".repeat(5000);
    let cases: Vec<(&str, Vec<&str>, &str)> = vec![
        (env!("CARGO_BIN_EXE_greentic-types"), vec!["models"], ""),
        (
            env!("CARGO_BIN_EXE_greentic-types"),
            vec!["models", "--format", "json"],
            "",
        ),
        (
            env!("CARGO_BIN_EXE_greentic-types"),
            vec!["schema", "flow"],
            "",
        ),
        (
            env!("CARGO_BIN_EXE_greentic-types"),
            vec!["completions", "bash"],
            "",
        ),
        (
            env!("CARGO_BIN_EXE_greentic-types"),
            validate_args.clone(),
            "",
        ),
        (
            env!("CARGO_BIN_EXE_greentic-types"),
            vec!["validate", "--model", "tenant-context", "--jsonl"],
            &jsonl,
        ),
        (
            env!("CARGO_BIN_EXE_greentic-types"),
            vec!["compat", "--against", "tests/contract/schemas/v1"],
            "",
        ),
        (env!("CARGO_BIN_EXE_export-schemas"), vec!["--list"], ""),
        (env!("CARGO_BIN_EXE_export-schemas"), vec!["--help"], ""),
    ];
    for (bin, args, stdin) in cases {
        // The reader is gone before the first write: every write fails with
        // EPIPE (Rust ignores SIGPIPE, so an unchecked `println!` panics).
        let mut child = Command::new(bin)
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("binary runs");
        drop(child.stdout.take());
        let mut input = child.stdin.take().expect("stdin");
        let stdin = stdin.to_owned();
        let feeder = std::thread::spawn(move || {
            let _ = input.write_all(stdin.as_bytes());
        });
        let out = child.wait_with_output().expect("exit");
        let _ = feeder.join();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            (out.status.code(), stderr.as_ref()),
            (Some(0), ""),
            "{args:?}: quiet, status 0"
        );
    }
    // And as a shell pipeline, the way a user meets it.
    let script = format!(
        "'{}' models | head -n 1; echo \"status=${{PIPESTATUS[0]}}\"",
        env!("CARGO_BIN_EXE_greentic-types")
    );
    let out = Command::new("bash")
        .args(["-c", &script])
        .output()
        .expect("bash");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.ends_with("status=0\n"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn schema_prints_the_exported_file() {
    let (code, stdout, _) = validate(&["schema", "tenant-ctx"], "");
    assert_eq!(code, 0);
    let file = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/dist/schemas/v1/tenant-ctx.schema.json"
    ))
    .expect("dist");
    assert_eq!(stdout, file);
    let (code, _, stderr) = validate(&["schema", "nope"], "");
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown model `nope`"), "{stderr}");
}

#[test]
fn without_model_the_document_names_its_own() {
    let dir = temp("infer");
    let json = write(
        &dir,
        "ctx.json",
        &format!(
            r#"{{"$schema": "{TENANT_CTX_ID}", "env": "prod", "tenant": "a", "tenant_id": "a", "attempt": 1}}"#
        ),
    );
    let by_id = write(
        &dir,
        "id.json",
        &format!(
            r#"{{"$id": "{TENANT_CTX_ID}", "env": "prod", "tenant": "a", "tenant_id": "b", "attempt": 1}}"#
        ),
    );
    let yaml = write(
        &dir,
        "ctx.yaml",
        &format!(
            "# yaml-language-server: $schema={TENANT_CTX_ID}\nenv: prod\ntenant: a\ntenant_id: a\nattempt: 1\n"
        ),
    );
    let foreign = write(
        &dir,
        "foreign.json",
        r#"{"$schema": "https://example.com/other.schema.json", "env": "prod"}"#,
    );
    let none = write(&dir, "none.json", r#"{"env": "prod"}"#);
    let twice = write(
        &dir,
        "twice.json",
        &format!(r#"{{"$schema": "{TENANT_CTX_ID}", "$schema": "x"}}"#),
    );
    let number = write(&dir, "number.json", r#"{"$id": 5}"#);
    let list = write(&dir, "list.json", r#"["x"]"#);
    let (code, stdout, _) = validate(
        &[
            "validate", &json, &by_id, &yaml, &foreign, &none, &twice, &number, &list,
        ],
        "",
    );
    assert_eq!(code, 1, "{stdout}");
    let expected = [
        format!("ok      {json}  (model tenant-ctx from $schema)"),
        format!("invalid {by_id}  (model tenant-ctx from $id)"),
        "  /tenant: must equal `tenant_id` (legacy twin)".to_owned(),
        format!("ok      {yaml}  (model tenant-ctx from yaml-language-server)"),
        format!("invalid {foreign}"),
        "  (root): cannot tell the model: $schema `https://example.com/other.schema.json` is not one of this registry's schemas; pass --model SLUG (`greentic-types models` lists them)".to_owned(),
        format!("invalid {none}"),
        "  (root): cannot tell the model: it has no `$schema` or `$id`; pass --model SLUG (`greentic-types models` lists them)".to_owned(),
        // A `$schema` that is there but cannot be read is not "none".
        format!("invalid {twice}"),
        "  (root): cannot tell the model: its `$schema`/`$id` cannot be read (duplicate field `$schema` at line 1 column 103); pass --model SLUG (`greentic-types models` lists them)".to_owned(),
        format!("invalid {number}"),
        "  (root): cannot tell the model: its `$schema`/`$id` cannot be read (invalid type: integer `5`, expected a string at line 1 column 9); pass --model SLUG (`greentic-types models` lists them)".to_owned(),
        format!("invalid {list}"),
        "  (root): cannot tell the model: it has no `$schema` or `$id`; pass --model SLUG (`greentic-types models` lists them)".to_owned(),
    ];
    assert_eq!(stdout.lines().collect::<Vec<_>>(), expected);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn json_format_reports_each_document_as_one_object() {
    let dir = temp("json");
    let good = write(&dir, "good.json", r#"{"tenant_id": "acme"}"#);
    let bad = write(&dir, "bad.json", r#"{"tenant_id": "a b"}"#);
    let (code, stdout, _) = validate(
        &[
            "validate",
            "--model",
            "tenant-context",
            "--format",
            "json",
            &good,
            &bad,
        ],
        "",
    );
    assert_eq!(code, 1);
    let reports: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(
        reports[0],
        serde_json::json!({"file": good, "model": "tenant-context", "model_from": "--model", "valid": true, "violations": []})
    );
    assert_eq!(reports[1]["valid"], false);
    assert_eq!(reports[1]["violations"][0]["pointer"], "/tenant_id");
    assert!(
        reports[1]["violations"][0]["rule"]
            .as_str()
            .unwrap_or("")
            .contains("TenantId must contain only")
    );

    let (code, stdout, _) = validate(
        &[
            "validate",
            "--model",
            "tenant-context",
            "--jsonl",
            "--format",
            "json",
        ],
        "{\"tenant_id\": \"acme\"}\n{\"tenant_id\": 1}\n",
    );
    assert_eq!(code, 1);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(
        lines[0],
        serde_json::json!({"valid": true, "canonical": {"tenant_id": "acme"}})
    );
    assert_eq!(lines[1]["violations"][0]["pointer"], "/tenant_id");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn jsonl_escapes_unicode_line_separators() {
    let input =
        "{\"tenant_id\": \"acme\", \"attributes\": {\"a\": \"x\u{2028}y\u{2029}z\u{85}w\"}}\n";
    for format in ["text", "json"] {
        let (code, stdout, _) = validate(
            &[
                "validate",
                "--model",
                "tenant-context",
                "--jsonl",
                "--format",
                format,
            ],
            input,
        );
        assert_eq!(code, 0, "{stdout}");
        assert!(
            !stdout.contains(['\u{2028}', '\u{2029}', '\u{85}']),
            "raw separators would split the line for JavaScript and Python: {stdout:?}"
        );
        assert!(stdout.contains(r"x\u2028y\u2029z\u0085w"), "{stdout}");
        let json = stdout
            .trim_end()
            .strip_prefix("ok ")
            .unwrap_or(stdout.trim_end());
        let value: serde_json::Value = serde_json::from_str(json).expect("still JSON");
        let attributes = if format == "json" {
            &value["canonical"]["attributes"]
        } else {
            &value["attributes"]
        };
        assert_eq!(attributes["a"], "x\u{2028}y\u{2029}z\u{85}w");
    }
}

#[test]
fn yaml_merge_keys_are_applied_and_inf_nan_are_named() {
    let dir = temp("yaml");
    let merged = write(
        &dir,
        "merged.YAML",
        "defaults: &defaults\n  env: prod\n  attempt: 1\nctx:\n  <<: *defaults\n  tenant: acme\n  tenant_id: acme\n",
    );
    // The merge fills in `env` and `attempt` under `ctx`: check it as a
    // tenant context by naming the nested document through a top-level merge.
    let top = write(
        &dir,
        "top.yml",
        "base: &base {env: prod, attempt: 1}\n<<: *base\ntenant: acme\ntenant_id: acme\n",
    );
    let override_ = write(
        &dir,
        "override.yaml",
        "base: &base {env: prod, attempt: 1, tenant: x}\n<<: *base\ntenant: acme\ntenant_id: acme\n",
    );
    let bad_merge = write(
        &dir,
        "bad.yaml",
        "base: &base {env: 'a b', attempt: 1}\n<<: *base\ntenant: acme\ntenant_id: acme\n",
    );
    let inf = write(
        &dir,
        "inf.yaml",
        "env: prod\ntenant: a\ntenant_id: a\nattempt: .inf\n",
    );
    let (code, stdout, _) = validate(&["validate", "--model", "tenant-ctx", &top, &override_], "");
    assert_eq!(
        code, 0,
        "merged keys fill required fields; explicit keys win: {stdout}"
    );
    let (code, stdout, _) = validate(&["validate", "--model", "tenant-ctx", &bad_merge], "");
    assert_eq!(code, 1);
    assert!(
        stdout.contains("  /env: EnvId must contain only"),
        "{stdout}"
    );
    let (code, stdout, _) = validate(&["validate", "--model", "tenant-ctx", &inf], "");
    assert_eq!(code, 1);
    assert!(
        stdout.contains("/attempt: invalid type: floating point `inf`, expected u32 (YAML's .inf, -.inf and .nan have no JSON form"),
        "{stdout}"
    );
    let (code, _, _) = validate(&["validate", "--model", "tenant-ctx", &merged], "");
    assert_eq!(
        code, 1,
        "the merged mapping is under `ctx`, not at the root"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The CLI applies merge keys as the library does (`tests/yaml_merge.rs`):
/// a merge it cannot apply faithfully is named, never skipped.
#[test]
fn yaml_merges_the_library_refuses_are_named_by_the_cli() {
    let dir = temp("yaml-merge");
    let duplicate = write(
        &dir,
        "dup.ygtc",
        "kind: messaging\nid: s\nbase: &b {kind: x, component: c1}\nnodes:\n  a:\n    <<: *b\n    component: c2\n  a: {kind: z}\n",
    );
    let scalar = write(
        &dir,
        "scalar.ygtc",
        "kind: events\nid: f\nnodes:\n  a:\n    <<: 5\n    kind: x\n",
    );
    let nodes = write(
        &dir,
        "nodes.ygtc",
        "kind: messaging\nid: s\nx-common: &c\n  first: {kind: component}\nnodes:\n  <<: *c\n  second: {kind: router}\n",
    );
    let (code, stdout, _) = validate(&["validate", "--model", "flow", &duplicate], "");
    assert_eq!(code, 1);
    assert!(
        stdout.contains("duplicate entry with key \"a\""),
        "{stdout}"
    );
    let (code, stdout, _) = validate(&["validate", "--model", "flow", &scalar], "");
    assert_eq!(code, 1);
    assert!(stdout.contains("/nodes/a/<<: a merge key"), "{stdout}");
    let (code, stdout, _) = validate(&["validate", "--model", "flow", &nodes], "");
    assert_eq!(code, 0, "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dash_reads_stdin_and_extensions_are_case_insensitive() {
    let (code, stdout, _) = validate(
        &["validate", "--model", "tenant-context", "-"],
        "{\"tenant_id\": \"acme\"}",
    );
    assert_eq!((code, stdout.as_str()), (0, "ok      -\n"));
    let (code, stdout, _) = validate(
        &[
            "validate",
            "--model",
            "tenant-context",
            "--input",
            "yaml",
            "-",
        ],
        "tenant_id: acme\n",
    );
    assert_eq!((code, stdout.as_str()), (0, "ok      -\n"));
    let dir = temp("ext");
    for name in ["a.YAML", "b.Yml", "c.YGTC"] {
        let file = write(&dir, name, "tenant_id: acme\n");
        let (code, stdout, _) = validate(&["validate", "--model", "tenant-context", &file], "");
        assert_eq!(code, 0, "{name} is YAML: {stdout}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn help_documents_every_command_option_and_exit_status() {
    let (code, stdout, _) = validate(&["--help"], "");
    assert_eq!(code, 0);
    for word in [
        "validate",
        "models",
        "schema",
        "compat",
        "completions",
        "Exit status:",
        "  0  ",
        "  1  ",
        "  2  ",
    ] {
        assert!(stdout.contains(word), "`{word}` in:\n{stdout}");
    }
    let (_, stdout, _) = validate(&["validate", "--help"], "");
    for word in [
        "--model",
        "--jsonl",
        "--format",
        "--max-bytes",
        "--input",
        "`-` reads stdin",
        "$schema",
        "Exit status:",
    ] {
        assert!(stdout.contains(word), "`{word}` in:\n{stdout}");
    }
    let (_, stdout, _) = validate(&["compat", "--help"], "");
    for word in [
        "--against",
        "--allow",
        "SLUG:POINTER",
        "kind=KIND",
        "breaks readers",
        "breaks writers",
        "Exit status:",
    ] {
        assert!(stdout.contains(word), "`{word}` in:\n{stdout}");
    }
    let out = run(env!("CARGO_BIN_EXE_export-schemas"), &["--help"], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    for word in [
        "--out DIR",
        "--check",
        "--list",
        "index.html",
        "Exit status:",
    ] {
        assert!(stdout.contains(word), "`{word}` in:\n{stdout}");
    }
    let (code, _, stderr) = validate(&["validate", "--bogus"], "");
    assert_eq!(code, 2, "usage errors exit 2: {stderr}");
}

#[test]
fn completions_are_generated_for_each_shell() {
    for (shell, needle) in [
        ("bash", "_greentic__types()"),
        ("zsh", "#compdef greentic-types"),
        ("fish", "complete -c greentic-types"),
    ] {
        let (code, stdout, _) = validate(&["completions", shell], "");
        assert_eq!(code, 0);
        assert!(stdout.contains(needle), "{shell}: {needle} in\n{stdout}");
        assert!(
            stdout.contains("validate") && stdout.contains("model"),
            "{shell}"
        );
    }
}

#[test]
fn check_with_out_dir_advises_the_command_for_that_dir() {
    let bin = env!("CARGO_BIN_EXE_export-schemas");
    let dir = temp("advice");
    let d = dir.join("my site").to_string_lossy().into_owned();
    let out = run(bin, &["--out", &d, "--check"], "");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The feature that writes what this build checks (the site needs `site`).
    let feature = if cfg!(feature = "site") {
        "site"
    } else {
        "schema"
    };
    assert!(
        stdout.ends_with(&format!(
            "run `cargo run --features {feature} --bin export-schemas -- --out '{d}'` to refresh\n"
        )),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_hundred_thousand_violations_are_merged_in_linear_time() {
    // Every node lacks `kind`: the typed read names the first, the schema
    // pass the 100,000 others, each checked against the rest in constant
    // time (a scan per violation took minutes).
    let nodes: Vec<String> = (0..100_000).map(|i| format!("\"n{i}\": {{}}")).collect();
    let doc = format!(
        "{{\"id\": \"f\", \"kind\": \"messaging\", \"nodes\": {{{}}}}}",
        nodes.join(", ")
    );
    let dir = temp("many");
    let file = write(&dir, "flow.json", &doc);
    let start = std::time::Instant::now();
    let (code, stdout, _) = validate(&["validate", "--model", "flow", &file], "");
    let took = start.elapsed();
    assert_eq!(code, 1);
    let lines: Vec<&str> = stdout.lines().skip(1).collect();
    assert_eq!(lines.len(), 100_000, "one line per node, none repeated");
    assert!(
        lines[0].trim_start().starts_with("/nodes/n0: "),
        "{}",
        lines[0]
    );
    assert!(
        lines[99_999].trim_start().starts_with("/nodes/n99999: "),
        "document order: {}",
        lines[99_999]
    );
    assert!(took < std::time::Duration::from_secs(60), "{took:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn without_model_a_syntax_error_is_reported_before_the_missing_model() {
    let dir = temp("syntax-first");
    let json = write(&dir, "bad.json", "{\"a\": [1,\n 2,, ]}");
    let yaml = write(&dir, "bad.yaml", "a: [1\nb: : c\n");
    let (code, stdout, _) = validate(&["validate", &json, &yaml], "");
    assert_eq!(code, 1);
    assert!(
        stdout.contains("(root): not JSON: expected value at line 2 column 4"),
        "{stdout}"
    );
    assert!(
        stdout.contains("(root): not YAML: did not find expected ',' or ']' at line 2 column 2"),
        "{stdout}"
    );
    assert!(!stdout.contains("cannot tell the model"), "{stdout}");
    // Valid text that names no model still says so.
    let (_, stdout, _) = validate(&["validate", "-"], "{\"a\": 1}");
    assert!(stdout.contains("cannot tell the model"), "{stdout}");
    // With --model, a YAML syntax error is reported once.
    let (_, stdout, _) = validate(&["validate", "--model", "flow", &yaml], "");
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_alternative_that_fails_says_which_alternatives_were_tried() {
    // The typed read stops at `/user_id`; the schema pass finds the rest.
    let (code, stdout, _) = validate(
        &["validate", "--model", "tenant-ctx", "-"],
        r#"{"env": "prod", "tenant": "acme", "tenant_id": "a", "attempt": 0, "user_id": false,
            "impersonation": {"actor_id": 5}, "deadline": 7}"#,
    );
    assert_eq!(code, 1);
    assert!(
        !stdout.contains("not valid under any of the schemas"),
        "{stdout}"
    );
    // One alternative is of the value's type: its own error, at its pointer.
    assert!(
        stdout.contains(
            "/impersonation/actor_id: value is not of type \"string\" (schema: type, in anyOf alternative 0)"
        ),
        "{stdout}"
    );
    // None is: every alternative with what it expected.
    assert!(
        stdout.contains(
            "/deadline: value matches none of the 2 anyOf alternatives: [0] is not of type \"object\" | [1] is not of type \"null\" (schema: anyOf)"
        ),
        "{stdout}"
    );
    let (_, stdout, _) = validate(
        &["validate", "--model", "flow", "-"],
        r#"{"id": 5, "kind": "bogus", "nodes": {}}"#,
    );
    assert!(
        stdout.contains("/kind: value matches none of the 2 oneOf alternatives: [0] "),
        "{stdout}"
    );
}

#[test]
fn a_full_disk_is_an_error_with_a_message_not_silence() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full here");
        return;
    };
    let dir = temp("full");
    let file = write(
        &dir,
        "flow.json",
        r#"{"id": "f", "kind": "messaging", "nodes": {}}"#,
    );
    let contract = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/contract/schemas/v1");
    let types = env!("CARGO_BIN_EXE_greentic-types");
    let export = env!("CARGO_BIN_EXE_export-schemas");
    let runs: [(&str, Vec<&str>); 5] = [
        (types, vec!["models"]),
        (types, vec!["schema", "flow"]),
        (types, vec!["validate", "--model", "flow", &file]),
        (types, vec!["compat", "--against", contract]),
        (export, vec!["--list"]),
    ];
    for (bin, args) in runs {
        let out = Command::new(bin)
            .args(&args)
            .stdout(full.try_clone().expect("dup"))
            .stderr(Stdio::piped())
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write the output") && stderr.contains("No space left"),
            "{args:?}: {stderr}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn text_output_is_unambiguous_whatever_the_values_hold() {
    // A value with a literal backslash-n, a real newline, `; ` and a fake
    // violation; a key (so a pointer) with a newline and `: `.
    let doc = r#"{"id": "f", "kind": "a\\nb\nc; (root): fake", "nodes": {"x\ny: z": {"kind": 5}}}"#;
    let dir = temp("escaping");
    let file = write(&dir, "flow.json", doc);
    let (_, stdout, _) = validate(&["validate", "--model", "flow", &file], "");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "a header and three violations:\n{stdout}");
    assert!(lines[1..].iter().all(|l| l.starts_with("  /")), "{stdout}");
    assert!(
        lines[1].contains(r"unknown variant `a\\nb\nc; (root): fake`"),
        "a backslash doubled, a newline escaped: {}",
        lines[1]
    );
    assert!(
        lines[3].starts_with(r"  /nodes/x\ny\u003a z/kind: value is not"),
        "the pointer on its line, its `: ` escaped: {}",
        lines[3]
    );

    let input = format!("{}\n", doc.replace('\n', "\\n"));
    let (_, stdout, _) = validate(&["validate", "--model", "flow", "--jsonl"], &input);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    let parts: Vec<&str> = stdout
        .trim_end()
        .strip_prefix("error ")
        .unwrap_or("")
        .split("; ")
        .collect();
    assert_eq!(
        parts.len(),
        3,
        "`; ` inside a value is not a separator: {stdout}"
    );
    assert!(parts[0].contains(r"c\u003b (root): fake"), "{}", parts[0]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn yaml_inf_and_nan_in_a_free_form_value_are_named_at_their_pointer() {
    let dir = temp("inf-config");
    let file = write(
        &dir,
        "flow.yaml",
        "id: f\nkind: messaging\nnodes:\n  n1:\n    kind: component\n    config:\n      rate: .inf\n      other: [1, -.inf, .nan]\n",
    );
    let (code, stdout, _) = validate(&["validate", "--model", "flow", &file], "");
    assert_eq!(code, 1, "not read as null: {stdout}");
    for (pointer, shown) in [
        ("/nodes/n1/config/rate", ".inf"),
        ("/nodes/n1/config/other/1", "-.inf"),
        ("/nodes/n1/config/other/2", ".nan"),
    ] {
        assert!(
            stdout.contains(&format!(
                "  {pointer}: YAML `{shown}` has no JSON equivalent"
            )),
            "{pointer}: {stdout}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn help_names_the_new_exit_causes() {
    let (_, top, _) = validate(&["--help"], "");
    assert!(top.contains("cannot be written"), "{top}");
    assert!(top.contains("accepts nothing"), "{top}");
    let (_, compat, _) = validate(&["compat", "--help"], "");
    assert!(compat.contains("an --allow RULE that"), "{compat}");
    assert!(compat.contains("FILE#POINTER"), "{compat}");
    let out = run(env!("CARGO_BIN_EXE_export-schemas"), &["--help"], "");
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("stdout that\n     cannot be written"),
        "{help}"
    );
}
