//! Two declarations claiming one slug make the export fail, naming both types.
//! (Its own test binary: the duplicate must not reach the other tests' registry.)
#![cfg(feature = "schema")]

use greentic_types::greentic_model;

mod first {
    greentic_types::greentic_model! {
        /// One claimant.
        #[schema = "contested-slug"]
        pub struct Claimant {
            /// A value.
            pub value: u8,
        }
    }
}

greentic_model! {
    /// The other claimant.
    #[schema = "contested-slug"]
    pub struct Rival {
        /// A value.
        pub value: String,
    }
}

#[test]
fn duplicate_slugs_are_an_error_naming_both_types() {
    let err = greentic_types::registry::unique_entries().unwrap_err();
    assert_eq!(err.slug, "contested-slug");
    let message = err.to_string();
    assert_eq!(
        message,
        "schema slug `contested-slug` is registered by both `duplicate_slug::Rival` and `duplicate_slug::first::Claimant`"
    );
    let dir = std::env::temp_dir().join(format!("greentic-dup-{}", std::process::id()));
    let export = greentic_types::schema::write_all_schemas(&dir).unwrap_err();
    assert_eq!(export.to_string(), message);
    assert!(
        !dir.exists(),
        "nothing is written when the registry is ambiguous"
    );
    assert!(
        greentic_types::registry::entry("contested-slug").is_none(),
        "a lookup does not pick one of two claimants"
    );
    let _ = (
        first::Claimant { value: 1 },
        Rival {
            value: String::new(),
        },
    );
}

#[test]
fn looking_up_a_contested_slug_names_both_types_not_unknown() {
    use greentic_types::registry::{LookupError, lookup};
    match lookup("contested-slug") {
        Err(LookupError::Duplicate(d)) => {
            assert_eq!(d.slug, "contested-slug");
            assert!(
                d.to_string().contains("Claimant") && d.to_string().contains("Rival"),
                "{d}"
            );
        }
        other => panic!("expected a duplicate, got {other:?}"),
    }
    assert_eq!(
        lookup("no-such-model").unwrap_err(),
        LookupError::Unknown("no-such-model".into())
    );
    assert!(greentic_types::registry::entry("contested-slug").is_none());
}
