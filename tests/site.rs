//! The schema site `export-schemas` writes: current on disk, every link
//! resolving, the content a reader needs, and a real browser reading it.
#![cfg(feature = "site")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use greentic_types::site::{check_site, render};

fn dist() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("dist")
}

/// Every value of `attr="..."` in `html`.
fn attributes(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&needle) {
        let after = &rest[at + needle.len()..];
        let end = after.find('"').unwrap_or(after.len());
        out.push(after[..end].replace("&amp;", "&"));
        rest = &after[end..];
    }
    out
}

/// Checks every `href` of `page` (a path relative to `root`) against the
/// files under `root` and the ids of the target page; returns the problems.
fn broken_links(
    root: &Path,
    page: &str,
    html: &str,
    pages: &BTreeMap<String, String>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let base = Path::new(page).parent().unwrap_or(Path::new(""));
    for href in attributes(html, "href") {
        if href.contains("://") {
            problems.push(format!(
                "{page}: external link {href} (the site must work offline)"
            ));
            continue;
        }
        let (file, anchor) = match href.split_once('#') {
            Some((f, a)) => (f, Some(a)),
            None => (href.as_str(), None),
        };
        let target = if file.is_empty() {
            page.to_owned()
        } else {
            normalize(&base.join(file))
        };
        if !root.join(&target).is_file() {
            problems.push(format!("{page}: {href} -> {target} does not exist"));
            continue;
        }
        if let Some(anchor) = anchor {
            let target_html = pages
                .get(&target)
                .cloned()
                .or_else(|| std::fs::read_to_string(root.join(&target)).ok())
                .unwrap_or_default();
            if !attributes(&target_html, "id").iter().any(|id| id == anchor) {
                problems.push(format!("{page}: {href}: no id `{anchor}` in {target}"));
            }
        }
    }
    problems
}

/// `a/b/../c` as `a/c`, with `/` separators.
fn normalize(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

#[test]
fn committed_site_is_up_to_date() {
    let report = check_site(&dist()).expect("dist is readable");
    assert!(
        report.is_clean(),
        "dist/ site is stale: {report:?}\nrun `cargo run --features site --bin export-schemas`"
    );
}

#[test]
fn every_link_on_every_page_resolves_offline() {
    let pages: BTreeMap<String, String> = render().expect("render").into_iter().collect();
    assert_eq!(pages.len(), greentic_types::registry::entries().len() + 1);
    let mut problems = Vec::new();
    let mut links = 0;
    for (page, html) in &pages {
        links += attributes(html, "href").len();
        problems.extend(broken_links(&dist(), page, html, &pages));
        let ids = attributes(html, "id");
        let unique: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{page}: ids are unique");
        assert!(!html.contains("<script"), "{page}: no JavaScript");
    }
    println!("{links} links on {} pages", pages.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_page_shows_fields_rules_references_and_editor_lines() {
    let pages: BTreeMap<String, String> = render().expect("render").into_iter().collect();
    let page = &pages["schemas/v1/tenant-ctx.html"];
    let id = "https://greentic-ai.github.io/greentic-types/schemas/v1/tenant-ctx.schema.json";
    for needle in [
        "<h1>TenantCtx <small>tenant-ctx</small></h1>".to_owned(),
        format!("<dt>$id</dt><dd><code>{id}</code></dd>"),
        format!("# yaml-language-server: $schema={id}"),
        format!("<pre><code>\"$schema\": \"{id}\"</code></pre>"),
        "<a href=\"tenant-ctx.schema.json\">tenant-ctx.schema.json</a>".to_owned(),
        "<th>field</th><th>type</th><th>required</th><th>default</th><th>description</th><th>rule</th>".to_owned(),
        // A required id field: its type links to the definition and to the
        // schema published for it; its rule is the id pattern.
        "<tr id=\"field-tenant_id\"><td><code>tenant_id</code></td><td><a href=\"#def-TenantId\">TenantId</a> (<a href=\"tenant-id.html\">tenant-id</a>)</td><td>yes</td>".to_owned(),
        "length 1..256".to_owned(),
        "<td>value 0..4294967295</td>".to_owned(),
        "<li><a href=\"tenant-id.html\">TenantId</a>".to_owned(),
        "<section id=\"def-TenantId\">".to_owned(),
    ] {
        assert!(page.contains(&needle), "tenant-ctx page lacks {needle}");
    }
    let index = &pages["index.html"];
    assert!(index.contains("<a href=\"schemas/v1/tenant-ctx.html\">tenant-ctx</a>"));
    assert!(index.contains("<a href=\"schemas/v1/tenant-ctx.schema.json\">JSON</a>"));
    // An enum: its values are listed.
    let run_status = &pages["schemas/v1/run-status.html"];
    assert!(
        run_status.contains("<code>&quot;success&quot;</code>"),
        "{run_status}"
    );
}

#[test]
fn export_check_names_stale_missing_and_extra_pages() {
    let bin = env!("CARGO_BIN_EXE_export-schemas");
    let dir = std::env::temp_dir().join(format!("greentic-types-site-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_string_lossy().into_owned();
    let status = Command::new(bin)
        .args(["--out", &d])
        .output()
        .expect("runs");
    assert!(status.status.success());
    assert!(dir.join("index.html").is_file());
    assert!(dir.join("schemas/v1/flow.html").is_file());
    let check = || {
        Command::new(bin)
            .args(["--out", &d, "--check"])
            .output()
            .expect("runs")
    };
    assert_eq!(check().status.code(), Some(0));

    std::fs::write(dir.join("schemas/v1/flow.html"), "old").expect("stale");
    std::fs::remove_file(dir.join("index.html")).expect("missing");
    std::fs::write(dir.join("schemas/v1/gone.html"), "old").expect("extra");
    let out = check();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    for line in [
        format!("stale: {}", dir.join("schemas/v1/flow.html").display()),
        format!("missing: {}", dir.join("index.html").display()),
        format!("extra: {}", dir.join("schemas/v1/gone.html").display()),
    ] {
        assert!(stdout.lines().any(|l| l == line), "{line} in\n{stdout}");
    }
    // Writing again repairs all three, removing the page of a gone schema.
    assert!(
        Command::new(bin)
            .args(["--out", &d])
            .output()
            .expect("runs")
            .status
            .success()
    );
    assert_eq!(check().status.code(), Some(0));
    assert!(!dir.join("schemas/v1/gone.html").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Debian's `chromium` (or `$CHROMIUM`), if installed.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|p| p.is_file())
}

fn headless(chromium: &Path, profile: &Path, extra: &[String], url: &str) -> std::process::Output {
    Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("chromium runs")
}

#[test]
fn a_real_browser_reads_the_site_and_every_link_resolves() {
    let Some(chromium) = chromium() else {
        assert!(
            std::env::var_os("GREENTIC_REQUIRE_CHROMIUM").is_none(),
            "GREENTIC_REQUIRE_CHROMIUM is set (CI) but no Chromium is installed"
        );
        println!(
            "SKIPPED: no Chromium installed (Debian: `apt-get install chromium`; CI installs it)"
        );
        return;
    };
    let root = dist();
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/site-screenshots");
    std::fs::create_dir_all(&shots).expect("screenshot dir");
    let profile =
        std::env::temp_dir().join(format!("greentic-types-chromium-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    let pages: BTreeMap<String, String> = BTreeMap::new();
    for (page, needle) in [
        ("index.html", "greentic-types JSON Schemas"),
        ("schemas/v1/tenant-ctx.html", "TenantCtx"),
        ("schemas/v1/flow.html", "Flow"),
        ("schemas/v1/version-strategy.html", "VersionStrategy"),
    ] {
        let url = format!("file://{}", root.join(page).display());
        let out = headless(&chromium, &profile, &["--dump-dom".to_owned()], &url);
        let dom = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "chromium --dump-dom {url}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(dom.contains(needle), "{page}: the DOM holds `{needle}`");
        let hrefs = attributes(&dom, "href");
        assert!(!hrefs.is_empty(), "{page}: links in the DOM");
        let problems = broken_links(&root, page, &dom, &pages);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        println!("{page}: {} links resolve in the browser's DOM", hrefs.len());
    }
    for (page, name) in [
        ("index.html", "index.png"),
        ("schemas/v1/tenant-ctx.html", "tenant-ctx.png"),
    ] {
        let shot = shots.join(name);
        let _ = std::fs::remove_file(&shot);
        let url = format!("file://{}", root.join(page).display());
        let out = headless(
            &chromium,
            &profile,
            &[
                format!("--screenshot={}", shot.display()),
                "--window-size=1280,2000".to_owned(),
            ],
            &url,
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let png = std::fs::read(&shot).expect("screenshot written");
        assert!(
            png.starts_with(b"\x89PNG") && png.len() > 10_000,
            "a real picture"
        );
        println!("screenshot: {}", shot.display());
    }
    let _ = std::fs::remove_dir_all(&profile);
}
