//! Declarations at realistic sizes stay within the compiler's recursion
//! limit (default 128): long doc comments, long `id_newtype!` blocks, and
//! docs that come from files.
#![allow(missing_docs)]

use greentic_types::{Validate, greentic_model, id_newtype};

greentic_model! {
    /// Line 0 of a long description that a model of a real platform could carry.
    /// Line 1 of a long description that a model of a real platform could carry.
    /// Line 2 of a long description that a model of a real platform could carry.
    /// Line 3 of a long description that a model of a real platform could carry.
    /// Line 4 of a long description that a model of a real platform could carry.
    /// Line 5 of a long description that a model of a real platform could carry.
    /// Line 6 of a long description that a model of a real platform could carry.
    /// Line 7 of a long description that a model of a real platform could carry.
    /// Line 8 of a long description that a model of a real platform could carry.
    /// Line 9 of a long description that a model of a real platform could carry.
    /// Line 10 of a long description that a model of a real platform could carry.
    /// Line 11 of a long description that a model of a real platform could carry.
    /// Line 12 of a long description that a model of a real platform could carry.
    /// Line 13 of a long description that a model of a real platform could carry.
    /// Line 14 of a long description that a model of a real platform could carry.
    /// Line 15 of a long description that a model of a real platform could carry.
    /// Line 16 of a long description that a model of a real platform could carry.
    /// Line 17 of a long description that a model of a real platform could carry.
    /// Line 18 of a long description that a model of a real platform could carry.
    /// Line 19 of a long description that a model of a real platform could carry.
    /// Line 20 of a long description that a model of a real platform could carry.
    /// Line 21 of a long description that a model of a real platform could carry.
    /// Line 22 of a long description that a model of a real platform could carry.
    /// Line 23 of a long description that a model of a real platform could carry.
    /// Line 24 of a long description that a model of a real platform could carry.
    /// Line 25 of a long description that a model of a real platform could carry.
    /// Line 26 of a long description that a model of a real platform could carry.
    /// Line 27 of a long description that a model of a real platform could carry.
    /// Line 28 of a long description that a model of a real platform could carry.
    /// Line 29 of a long description that a model of a real platform could carry.
    /// Line 30 of a long description that a model of a real platform could carry.
    /// Line 31 of a long description that a model of a real platform could carry.
    /// Line 32 of a long description that a model of a real platform could carry.
    /// Line 33 of a long description that a model of a real platform could carry.
    /// Line 34 of a long description that a model of a real platform could carry.
    /// Line 35 of a long description that a model of a real platform could carry.
    /// Line 36 of a long description that a model of a real platform could carry.
    /// Line 37 of a long description that a model of a real platform could carry.
    /// Line 38 of a long description that a model of a real platform could carry.
    /// Line 39 of a long description that a model of a real platform could carry.
    /// Line 40 of a long description that a model of a real platform could carry.
    /// Line 41 of a long description that a model of a real platform could carry.
    /// Line 42 of a long description that a model of a real platform could carry.
    /// Line 43 of a long description that a model of a real platform could carry.
    /// Line 44 of a long description that a model of a real platform could carry.
    /// Line 45 of a long description that a model of a real platform could carry.
    /// Line 46 of a long description that a model of a real platform could carry.
    /// Line 47 of a long description that a model of a real platform could carry.
    /// Line 48 of a long description that a model of a real platform could carry.
    /// Line 49 of a long description that a model of a real platform could carry.
    /// Line 50 of a long description that a model of a real platform could carry.
    /// Line 51 of a long description that a model of a real platform could carry.
    /// Line 52 of a long description that a model of a real platform could carry.
    /// Line 53 of a long description that a model of a real platform could carry.
    /// Line 54 of a long description that a model of a real platform could carry.
    /// Line 55 of a long description that a model of a real platform could carry.
    /// Line 56 of a long description that a model of a real platform could carry.
    /// Line 57 of a long description that a model of a real platform could carry.
    /// Line 58 of a long description that a model of a real platform could carry.
    /// Line 59 of a long description that a model of a real platform could carry.
    /// Line 60 of a long description that a model of a real platform could carry.
    /// Line 61 of a long description that a model of a real platform could carry.
    /// Line 62 of a long description that a model of a real platform could carry.
    /// Line 63 of a long description that a model of a real platform could carry.
    /// Line 64 of a long description that a model of a real platform could carry.
    /// Line 65 of a long description that a model of a real platform could carry.
    /// Line 66 of a long description that a model of a real platform could carry.
    /// Line 67 of a long description that a model of a real platform could carry.
    /// Line 68 of a long description that a model of a real platform could carry.
    /// Line 69 of a long description that a model of a real platform could carry.
    #[schema = "dsl-limits-long-doc"]
    pub struct LongDoc {
        /// Field doc line 0.
        /// Field doc line 1.
        /// Field doc line 2.
        /// Field doc line 3.
        /// Field doc line 4.
        /// Field doc line 5.
        /// Field doc line 6.
        /// Field doc line 7.
        /// Field doc line 8.
        /// Field doc line 9.
        /// Field doc line 10.
        /// Field doc line 11.
        /// Field doc line 12.
        /// Field doc line 13.
        /// Field doc line 14.
        /// Field doc line 15.
        /// Field doc line 16.
        /// Field doc line 17.
        /// Field doc line 18.
        /// Field doc line 19.
        /// Field doc line 20.
        /// Field doc line 21.
        /// Field doc line 22.
        /// Field doc line 23.
        /// Field doc line 24.
        /// Field doc line 25.
        /// Field doc line 26.
        /// Field doc line 27.
        /// Field doc line 28.
        /// Field doc line 29.
        /// Field doc line 30.
        /// Field doc line 31.
        /// Field doc line 32.
        /// Field doc line 33.
        /// Field doc line 34.
        /// Field doc line 35.
        /// Field doc line 36.
        /// Field doc line 37.
        /// Field doc line 38.
        /// Field doc line 39.
        /// Field doc line 40.
        /// Field doc line 41.
        /// Field doc line 42.
        /// Field doc line 43.
        /// Field doc line 44.
        /// Field doc line 45.
        /// Field doc line 46.
        /// Field doc line 47.
        /// Field doc line 48.
        /// Field doc line 49.
        /// Field doc line 50.
        /// Field doc line 51.
        /// Field doc line 52.
        /// Field doc line 53.
        /// Field doc line 54.
        /// Field doc line 55.
        /// Field doc line 56.
        /// Field doc line 57.
        /// Field doc line 58.
        /// Field doc line 59.
        /// Field doc line 60.
        /// Field doc line 61.
        /// Field doc line 62.
        /// Field doc line 63.
        /// Field doc line 64.
        /// Field doc line 65.
        /// Field doc line 66.
        /// Field doc line 67.
        /// Field doc line 68.
        /// Field doc line 69.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub items: Vec<String>,
    }
}

id_newtype! {
    /// Identifier number 0.
    pub Id0;
    /// Identifier number 1.
    pub Id1;
    /// Identifier number 2.
    pub Id2;
    /// Identifier number 3.
    pub Id3;
    /// Identifier number 4.
    pub Id4;
    /// Identifier number 5.
    pub Id5;
    /// Identifier number 6.
    pub Id6;
    /// Identifier number 7.
    pub Id7;
    /// Identifier number 8.
    pub Id8;
    /// Identifier number 9.
    pub Id9;
    /// Identifier number 10.
    pub Id10;
    /// Identifier number 11.
    pub Id11;
    /// Identifier number 12.
    pub Id12;
    /// Identifier number 13.
    pub Id13;
    /// Identifier number 14.
    pub Id14;
    /// Identifier number 15.
    pub Id15;
    /// Identifier number 16.
    pub Id16;
    /// Identifier number 17.
    pub Id17;
    /// Identifier number 18.
    pub Id18;
    /// Identifier number 19.
    pub Id19;
    /// Identifier number 20.
    pub Id20;
    /// Identifier number 21.
    pub Id21;
    /// Identifier number 22.
    pub Id22;
    /// Identifier number 23.
    pub Id23;
    /// Identifier number 24.
    pub Id24;
    /// Identifier number 25.
    pub Id25;
    /// Identifier number 26.
    pub Id26;
    /// Identifier number 27.
    pub Id27;
    /// Identifier number 28.
    pub Id28;
    /// Identifier number 29.
    pub Id29;
    /// Identifier number 30.
    pub Id30;
    /// Identifier number 31.
    pub Id31;
    /// Identifier number 32.
    pub Id32;
    /// Identifier number 33.
    pub Id33;
    /// Identifier number 34.
    pub Id34;
    /// Identifier number 35.
    pub Id35;
    /// Identifier number 36.
    pub Id36;
    /// Identifier number 37.
    pub Id37;
    /// Identifier number 38.
    pub Id38;
    /// Identifier number 39.
    pub Id39;
    /// Identifier number 40.
    pub Id40;
    /// Identifier number 41.
    pub Id41;
    /// Identifier number 42.
    pub Id42;
    /// Identifier number 43.
    pub Id43;
    /// Identifier number 44.
    pub Id44;
    /// Identifier number 45.
    pub Id45;
    /// Identifier number 46.
    pub Id46;
    /// Identifier number 47.
    pub Id47;
    /// Identifier number 48.
    pub Id48;
    /// Identifier number 49.
    pub Id49;
    /// Identifier number 50.
    pub Id50;
    /// Identifier number 51.
    pub Id51;
    /// Identifier number 52.
    pub Id52;
    /// Identifier number 53.
    pub Id53;
    /// Identifier number 54.
    pub Id54;
    /// Identifier number 55.
    pub Id55;
    /// Identifier number 56.
    pub Id56;
    /// Identifier number 57.
    pub Id57;
    /// Identifier number 58.
    pub Id58;
    /// Identifier number 59.
    pub Id59;
    /// Identifier number 60.
    pub Id60;
    /// Identifier number 61.
    pub Id61;
    /// Identifier number 62.
    pub Id62;
    /// Identifier number 63.
    pub Id63;
    /// Identifier number 64.
    pub Id64;
    /// Identifier number 65.
    pub Id65;
    /// Identifier number 66.
    pub Id66;
    /// Identifier number 67.
    pub Id67;
    /// Identifier number 68.
    pub Id68;
    /// Identifier number 69.
    pub Id69;
    /// Identifier number 70.
    pub Id70;
    /// Identifier number 71.
    pub Id71;
    /// Identifier number 72.
    pub Id72;
    /// Identifier number 73.
    pub Id73;
    /// Identifier number 74.
    pub Id74;
    /// Identifier number 75.
    pub Id75;
    /// Identifier number 76.
    pub Id76;
    /// Identifier number 77.
    pub Id77;
    /// Identifier number 78.
    pub Id78;
    /// Identifier number 79.
    pub Id79;
    /// Identifier number 80.
    pub Id80;
    /// Identifier number 81.
    pub Id81;
    /// Identifier number 82.
    pub Id82;
    /// Identifier number 83.
    pub Id83;
    /// Identifier number 84.
    pub Id84;
    /// Identifier number 85.
    pub Id85;
    /// Identifier number 86.
    pub Id86;
    /// Identifier number 87.
    pub Id87;
    /// Identifier number 88.
    pub Id88;
    /// Identifier number 89.
    pub Id89;
    /// Identifier number 90.
    pub Id90;
    /// Identifier number 91.
    pub Id91;
    /// Identifier number 92.
    pub Id92;
    /// Identifier number 93.
    pub Id93;
    /// Identifier number 94.
    pub Id94;
    /// Identifier number 95.
    pub Id95;
    /// Identifier number 96.
    pub Id96;
    /// Identifier number 97.
    pub Id97;
    /// Identifier number 98.
    pub Id98;
    /// Identifier number 99.
    pub Id99;
    /// Identifier number 100.
    pub Id100;
    /// Identifier number 101.
    pub Id101;
    /// Identifier number 102.
    pub Id102;
    /// Identifier number 103.
    pub Id103;
    /// Identifier number 104.
    pub Id104;
    /// Identifier number 105.
    pub Id105;
    /// Identifier number 106.
    pub Id106;
    /// Identifier number 107.
    pub Id107;
    /// Identifier number 108.
    pub Id108;
    /// Identifier number 109.
    pub Id109;
    /// Identifier number 110.
    pub Id110;
    /// Identifier number 111.
    pub Id111;
    /// Identifier number 112.
    pub Id112;
    /// Identifier number 113.
    pub Id113;
    /// Identifier number 114.
    pub Id114;
    /// Identifier number 115.
    pub Id115;
    /// Identifier number 116.
    pub Id116;
    /// Identifier number 117.
    pub Id117;
    /// Identifier number 118.
    pub Id118;
    /// Identifier number 119.
    pub Id119;
    /// Identifier number 120.
    pub Id120;
    /// Identifier number 121.
    pub Id121;
    /// Identifier number 122.
    pub Id122;
    /// Identifier number 123.
    pub Id123;
    /// Identifier number 124.
    pub Id124;
    /// Identifier number 125.
    pub Id125;
    /// Identifier number 126.
    pub Id126;
    /// Identifier number 127.
    pub Id127;
    /// Identifier number 128.
    pub Id128;
    /// Identifier number 129.
    pub Id129;
    /// Identifier number 130.
    pub Id130;
    /// Identifier number 131.
    pub Id131;
    /// Identifier number 132.
    pub Id132;
    /// Identifier number 133.
    pub Id133;
    /// Identifier number 134.
    pub Id134;
    /// Identifier number 135.
    pub Id135;
    /// Identifier number 136.
    pub Id136;
    /// Identifier number 137.
    pub Id137;
    /// Identifier number 138.
    pub Id138;
    /// Identifier number 139.
    pub Id139;
    /// Identifier number 140.
    pub Id140;
    /// Identifier number 141.
    pub Id141;
    /// Identifier number 142.
    pub Id142;
    /// Identifier number 143.
    pub Id143;
    /// Identifier number 144.
    pub Id144;
    /// Identifier number 145.
    pub Id145;
    /// Identifier number 146.
    pub Id146;
    /// Identifier number 147.
    pub Id147;
    /// Identifier number 148.
    pub Id148;
    /// Identifier number 149.
    pub Id149;
}

greentic_model! {
    #[doc = include_str!("fixtures/included_doc.md")]
    #[schema = "dsl-limits-included-doc"]
    pub struct IncludedDoc {
        #[doc = include_str!("fixtures/included_doc.md")]
        pub id: Id0,
    }
}

id_newtype! {
    #[doc = include_str!("fixtures/included_doc.md")]
    pub IncludedId, schema = "dsl-limits-included-id";

    /// An identifier on its way out.
    #[deprecated(note = "use Id1")]
    pub OldId;
}

#[test]
fn long_docs_and_long_blocks_expand() {
    let d: LongDoc = serde_json::from_value(serde_json::json!({"items": ["a"]})).unwrap();
    assert!(d.validate().is_ok());
    assert_eq!(Id149::new("x").unwrap().as_str(), "x");
    assert!(Id0::new("").is_err());
}

#[test]
fn deprecated_identifiers_work_and_warn_only_where_used() {
    #[allow(deprecated)]
    let old = OldId::new("legacy").unwrap();
    #[allow(deprecated)]
    let text: String = old.into();
    assert_eq!(text, "legacy");
}

#[cfg(feature = "schema")]
#[test]
fn docs_from_files_become_schema_descriptions() {
    use greentic_types::registry;
    let long = registry::entry("dsl-limits-long-doc").unwrap().schema();
    let description = long["description"].as_str().unwrap();
    assert!(description.starts_with("Line 0 of") && description.contains("Line 69 of"));
    let included = registry::entry("dsl-limits-included-doc").unwrap().schema();
    assert_eq!(
        included["description"],
        "Documentation kept in a file of its own."
    );
    let id = registry::entry("dsl-limits-included-id").unwrap().schema();
    assert_eq!(
        id["description"],
        "Documentation kept in a file of its own."
    );
}
