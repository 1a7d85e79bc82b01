//! Text helpers shared by the schema comparison (`$ref` fragments) and the
//! telemetry configuration (`OTEL_*` headers and resource attributes).

use alloc::string::String;
use alloc::vec::Vec;

/// `text` with its `%XX` escapes decoded; `None` for a malformed escape or a
/// result that is not UTF-8.
pub(crate) fn percent_decode(text: &str) -> Option<String> {
    if !text.contains('%') {
        return Some(text.into());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
