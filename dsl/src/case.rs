//! serde's `rename_all` rules, applied to names the way serde applies them.
//!
//! ```
//! use greentic_types_dsl::case;
//!
//! assert_eq!(case::variant("InvalidInput", Some("snake_case")), "invalid_input");
//! assert_eq!(case::field("public_key_jwk", Some("camelCase")), "publicKeyJwk");
//! assert_eq!(case::field("tenant_id", None), "tenant_id");
//! ```
//!
//! Used only to name JSON-pointer segments in violations, so an unknown rule
//! leaves the name unchanged rather than failing.

use alloc::string::{String, ToString};

/// The wire name of a variant written `name` (PascalCase) under `rule`.
pub fn variant(name: &str, rule: Option<&str>) -> String {
    match rule {
        Some("lowercase") => name.to_ascii_lowercase(),
        Some("UPPERCASE") => name.to_ascii_uppercase(),
        Some("camelCase") => {
            let mut out = String::with_capacity(name.len());
            let mut chars = name.chars();
            if let Some(first) = chars.next() {
                out.push(first.to_ascii_lowercase());
            }
            out.extend(chars);
            out
        }
        Some("snake_case") => snake(name),
        Some("SCREAMING_SNAKE_CASE") => snake(name).to_ascii_uppercase(),
        Some("kebab-case") => snake(name).replace('_', "-"),
        Some("SCREAMING-KEBAB-CASE") => snake(name).to_ascii_uppercase().replace('_', "-"),
        _ => name.to_string(),
    }
}

/// The wire name of a field written `name` (snake_case) under `rule`.
pub fn field(name: &str, rule: Option<&str>) -> String {
    match rule {
        Some("UPPERCASE") | Some("SCREAMING_SNAKE_CASE") => name.to_ascii_uppercase(),
        Some("PascalCase") => pascal(name),
        Some("camelCase") => {
            let p = pascal(name);
            let mut chars = p.chars();
            match chars.next() {
                Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
                None => p,
            }
        }
        Some("kebab-case") => name.replace('_', "-"),
        Some("SCREAMING-KEBAB-CASE") => name.to_ascii_uppercase().replace('_', "-"),
        _ => name.to_string(),
    }
}

fn snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.char_indices() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn pascal(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = true;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}
