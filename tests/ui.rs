//! Misuse of the DSL fails to compile with a message that says what to fix.
//! Each case in `tests/ui/` has its expected compiler output pinned beside it.

#[test]
fn dsl_misuse_gives_clear_compile_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}

#[cfg(feature = "telemetry-autoinit")]
#[test]
fn telemetry_main_misuse_gives_clear_compile_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui-telemetry/*.rs");
    t.pass("tests/ui-telemetry-pass/*.rs");
}
