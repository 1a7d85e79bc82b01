//! The DSL's lean struct serializer makes exactly the calls serde's derive
//! makes.
//!
//! Every shape is declared twice through `greentic_model!`: once as written
//! (lean: the DSL writes the `Serialize`), once with a neutral
//! `#[serde(bound = "")]` that the lean form does not take, so serde's derive
//! writes it. A recording serializer logs every call (the struct's name and
//! length hint, each field written with its value, each `skip_field`), and
//! both logs must match for every value tried; JSON and postcard output must
//! match too. A `skip_serializing_if` predicate that counts its calls tells
//! which writer ran: serde's derive asks it twice (for the length hint and
//! for the field), the lean form once.
#![allow(missing_docs)]

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt;

use greentic_types::{FlowId, greentic_model};
use proptest::prelude::*;
use serde::ser::{self, Impossible, Serialize, SerializeStruct, Serializer};

thread_local! {
    static ASKED: Cell<u32> = const { Cell::new(0) };
}

/// A `skip_serializing_if` predicate that counts how often it is asked.
fn counted(v: &u8) -> bool {
    ASKED.with(|c| c.set(c.get() + 1));
    *v == 0
}

/// How many times `counted` is asked while `v` is written.
fn asked<T: Serialize>(v: &T) -> u32 {
    ASKED.with(|c| c.set(0));
    let _ = record(v);
    ASKED.with(Cell::get)
}

fn is_zero(v: &u32) -> bool {
    *v == 0
}

mod preds {
    pub fn is_blank(s: &str) -> bool {
        s.trim().is_empty()
    }
}

/// Declares one shape twice: `$lean` as written, `$twin` through serde's derive.
macro_rules! pair {
    ($lean:ident, $twin:ident, $(#[$($a:tt)*])* { $($body:tt)* }) => {
        greentic_model! {
            $(#[$($a)*])*
            pub struct $lean { $($body)* }
        }
        greentic_model! {
            $(#[$($a)*])*
            #[serde(bound = "")]
            pub struct $twin { $($body)* }
        }
    };
}

pair!(PlainLean, PlainTwin,
    /// Every field attribute the lean form reads.
    #[derive(Default)]
    {
        /// Plain.
        pub name: String,
        /// Written as `null` when absent.
        pub note: Option<String>,
        /// Renamed, aliases (read only).
        #[serde(rename = "kind", alias = "sort")]
        pub category: Option<String>,
        /// Left out when empty.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub tags: Vec<String>,
        /// Left out when zero, through a function in this file.
        #[serde(default, skip_serializing_if = "is_zero")]
        pub count: u32,
        /// Left out when blank, through a path into a module, on a `&String`.
        #[serde(default, skip_serializing_if = "preds::is_blank")]
        pub title: String,
        /// Never written or read.
        #[serde(skip)]
        pub cache: u8,
        /// Never written.
        #[serde(skip_serializing, default)]
        pub secret: String,
        /// Read only from defaults, written.
        #[serde(skip_deserializing)]
        pub computed: u16,
        /// A raw identifier.
        #[serde(default)]
        pub r#type: bool,
        /// A nested model.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub flow: Option<FlowId>,
        /// A map.
        #[serde(default)]
        pub labels: BTreeMap<String, u8>,
        /// The probe.
        #[serde(default, skip_serializing_if = "counted")]
        pub probe: u8,
    }
);

pair!(CasedLean, CasedTwin,
    /// Container `rename`, `rename_all`, `default`, `deny_unknown_fields`.
    #[serde(rename = "Cased", rename_all = "SCREAMING-KEBAB-CASE", default, deny_unknown_fields)]
    #[derive(Default)]
    {
        /// Two words.
        pub first_name: String,
        /// Renamed past the rule.
        #[serde(rename = "ID")]
        pub user_id: u64,
        /// The probe.
        #[serde(skip_serializing_if = "counted")]
        pub probe: u8,
    }
);

pair!(EmptyLean, EmptyTwin,
    /// No fields at all.
    #[derive(Default)]
    {}
);

pair!(AllSkippedLean, AllSkippedTwin,
    /// Every field skipped.
    #[derive(Default)]
    {
        /// Skipped.
        #[serde(skip)]
        pub a: u8,
        /// Skipped when written.
        #[serde(skip_serializing, default)]
        pub b: u8,
    }
);

#[allow(deprecated)]
mod old {
    use super::*;

    pair!(OldLean, OldTwin,
        /// A deprecated field.
        #[derive(Default)]
        {
            /// Current.
            pub now: u8,
            /// Old.
            #[deprecated]
            #[serde(default, skip_serializing_if = "counted")]
            pub then: u8,
        }
    );
}
use old::{OldLean, OldTwin};

greentic_model! {
    /// A generic model: serde's derive (it infers bounds per parameter).
    pub struct Boxed<T> {
        /// The value.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub value: Option<T>,
        /// The probe.
        #[serde(skip_serializing_if = "counted")]
        pub probe: u8,
    }
}

fn double<S: Serializer>(v: &u8, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u16(u16::from(*v) * 2)
}

greentic_model! {
    /// A `serialize_with` field: serde's derive.
    pub struct Custom {
        /// Written doubled.
        #[serde(serialize_with = "double")]
        pub value: u8,
        /// The probe.
        #[serde(skip_serializing_if = "counted")]
        pub probe: u8,
    }
}

greentic_model! {
    /// A field under `cfg`: serde's derive.
    pub struct Configured {
        /// Never compiled.
        #[cfg(any())]
        pub never: u8,
        /// The probe.
        #[serde(skip_serializing_if = "counted")]
        pub probe: u8,
    }
}

greentic_model! {
    /// A wide struct: lean too (its pairs nest as a balanced tree).
    #[derive(Default)]
    pub struct Wide {
        /// Field 0.
        pub f0: u8,
        /// Field 1.
        pub f1: u8,
        /// Field 2.
        pub f2: u8,
        /// Field 3.
        pub f3: u8,
        /// Field 4.
        pub f4: u8,
        /// Field 5.
        pub f5: u8,
        /// Field 6.
        pub f6: u8,
        /// Field 7.
        pub f7: u8,
        /// Field 8.
        pub f8: u8,
        /// Field 9.
        pub f9: u8,
        /// Field 10.
        pub f10: u8,
        /// Field 11.
        pub f11: u8,
        /// Field 12.
        pub f12: u8,
        /// Field 13.
        pub f13: u8,
        /// Field 14.
        pub f14: u8,
        /// Field 15.
        pub f15: u8,
        /// Field 16.
        pub f16: u8,
        /// Field 17.
        pub f17: u8,
        /// Field 18.
        pub f18: u8,
        /// Field 19.
        pub f19: u8,
        /// Field 20.
        pub f20: u8,
        /// Field 21.
        pub f21: u8,
        /// Field 22.
        pub f22: u8,
        /// Field 23.
        pub f23: u8,
        /// Field 24.
        pub f24: u8,
        /// Field 25.
        pub f25: u8,
        /// Field 26.
        pub f26: u8,
        /// Field 27.
        pub f27: u8,
        /// Field 28.
        pub f28: u8,
        /// Field 29.
        pub f29: u8,
        /// Field 30.
        pub f30: u8,
        /// Field 31.
        pub f31: u8,
        /// Field 32.
        pub f32: u8,
        /// Field 33.
        pub f33: u8,
        /// Field 34.
        pub f34: u8,
        /// Field 35.
        pub f35: u8,
        /// Field 36.
        pub f36: u8,
        /// Field 37.
        pub f37: u8,
        /// Field 38.
        pub f38: u8,
        /// Field 39.
        pub f39: u8,
        /// Field 40.
        pub f40: u8,
        /// Field 41.
        pub f41: u8,
        /// Field 42.
        pub f42: u8,
        /// Field 43.
        pub f43: u8,
        /// Field 44.
        pub f44: u8,
        /// Field 45.
        pub f45: u8,
        /// Field 46.
        pub f46: u8,
        /// Field 47.
        pub f47: u8,
        /// Field 48.
        pub f48: u8,
        /// Field 49.
        pub f49: u8,
        /// Field 50.
        pub f50: u8,
        /// Field 51.
        pub f51: u8,
        /// Field 52.
        pub f52: u8,
        /// Field 53.
        pub f53: u8,
        /// Field 54.
        pub f54: u8,
        /// Field 55.
        pub f55: u8,
        /// Field 56.
        pub f56: u8,
        /// Field 57.
        pub f57: u8,
        /// Field 58.
        pub f58: u8,
        /// Field 59.
        pub f59: u8,
        /// Field 60.
        pub f60: u8,
        /// Field 61.
        pub f61: u8,
        /// Field 62.
        pub f62: u8,
        /// Field 63.
        pub f63: u8,
        /// Field 64.
        pub f64: u8,
        /// Field 65.
        pub f65: u8,
        /// Field 66.
        pub f66: u8,
        /// Field 67.
        pub f67: u8,
        /// Field 68.
        pub f68: u8,
        /// Field 69.
        pub f69: u8,
        /// Field 70.
        pub f70: u8,
        /// Field 71.
        pub f71: u8,
        /// Field 72.
        pub f72: u8,
        /// Field 73.
        pub f73: u8,
        /// Field 74.
        pub f74: u8,
        /// Field 75.
        pub f75: u8,
        /// Field 76.
        pub f76: u8,
        /// Field 77.
        pub f77: u8,
        /// Field 78.
        pub f78: u8,
        /// Field 79.
        pub f79: u8,
        /// Field 80.
        pub f80: u8,
        /// Field 81.
        pub f81: u8,
        /// Field 82.
        pub f82: u8,
        /// Field 83.
        pub f83: u8,
        /// Field 84.
        pub f84: u8,
        /// Field 85.
        pub f85: u8,
        /// Field 86.
        pub f86: u8,
        /// Field 87.
        pub f87: u8,
        /// Field 88.
        pub f88: u8,
        /// Field 89.
        pub f89: u8,
        /// Field 90.
        pub f90: u8,
        /// Field 91.
        pub f91: u8,
        /// Field 92.
        pub f92: u8,
        /// Field 93.
        pub f93: u8,
        /// Field 94.
        pub f94: u8,
        /// Field 95.
        pub f95: u8,
        /// Field 96.
        pub f96: u8,
        /// Field 97.
        pub f97: u8,
        /// Field 98.
        pub f98: u8,
        /// Field 99.
        pub f99: u8,
        /// Field 100.
        pub f100: u8,
        /// Field 101.
        pub f101: u8,
        /// Field 102.
        pub f102: u8,
        /// Field 103.
        pub f103: u8,
        /// Field 104.
        pub f104: u8,
        /// Field 105.
        pub f105: u8,
        /// Field 106.
        pub f106: u8,
        /// Field 107.
        pub f107: u8,
        /// Field 108.
        pub f108: u8,
        /// Field 109.
        pub f109: u8,
        /// Field 110.
        pub f110: u8,
        /// Field 111.
        pub f111: u8,
        /// Field 112.
        pub f112: u8,
        /// Field 113.
        pub f113: u8,
        /// Field 114.
        pub f114: u8,
        /// Field 115.
        pub f115: u8,
        /// Field 116.
        pub f116: u8,
        /// Field 117.
        pub f117: u8,
        /// Field 118.
        pub f118: u8,
        /// Field 119.
        pub f119: u8,
        /// Field 120.
        pub f120: u8,
        /// Field 121.
        pub f121: u8,
        /// Field 122.
        pub f122: u8,
        /// Field 123.
        pub f123: u8,
        /// Field 124.
        pub f124: u8,
        /// Field 125.
        pub f125: u8,
        /// Field 126.
        pub f126: u8,
        /// Field 127.
        pub f127: u8,
        /// Field 128.
        pub f128: u8,
        /// Field 129.
        pub f129: u8,
        /// Field 130.
        pub f130: u8,
        /// Field 131.
        pub f131: u8,
        /// Field 132.
        pub f132: u8,
        /// Field 133.
        pub f133: u8,
        /// Field 134.
        pub f134: u8,
        /// Field 135.
        pub f135: u8,
        /// Field 136.
        pub f136: u8,
        /// Field 137.
        pub f137: u8,
        /// Field 138.
        pub f138: u8,
        /// Field 139.
        pub f139: u8,
        /// Field 140.
        pub f140: u8,
        /// Field 141.
        pub f141: u8,
        /// Field 142.
        pub f142: u8,
        /// Field 143.
        pub f143: u8,
        /// Field 144.
        pub f144: u8,
        /// Field 145.
        pub f145: u8,
        /// Field 146.
        pub f146: u8,
        /// Field 147.
        pub f147: u8,
        /// Field 148.
        pub f148: u8,
        /// Field 149.
        pub f149: u8,
        /// Field 150.
        pub f150: u8,
        /// Field 151.
        pub f151: u8,
        /// Field 152.
        pub f152: u8,
        /// Field 153.
        pub f153: u8,
        /// Field 154.
        pub f154: u8,
        /// Field 155.
        pub f155: u8,
        /// Field 156.
        pub f156: u8,
        /// Field 157.
        pub f157: u8,
        /// Field 158.
        pub f158: u8,
        /// Field 159.
        pub f159: u8,
        /// Field 160.
        pub f160: u8,
        /// Field 161.
        pub f161: u8,
        /// Field 162.
        pub f162: u8,
        /// Field 163.
        pub f163: u8,
        /// Field 164.
        pub f164: u8,
        /// Field 165.
        pub f165: u8,
        /// Field 166.
        pub f166: u8,
        /// Field 167.
        pub f167: u8,
        /// Field 168.
        pub f168: u8,
        /// Field 169.
        pub f169: u8,
        /// Field 170.
        pub f170: u8,
        /// Field 171.
        pub f171: u8,
        /// Field 172.
        pub f172: u8,
        /// Field 173.
        pub f173: u8,
        /// Field 174.
        pub f174: u8,
        /// Field 175.
        pub f175: u8,
        /// Field 176.
        pub f176: u8,
        /// Field 177.
        pub f177: u8,
        /// Field 178.
        pub f178: u8,
        /// Field 179.
        pub f179: u8,
        /// Field 180.
        pub f180: u8,
        /// Field 181.
        pub f181: u8,
        /// Field 182.
        pub f182: u8,
        /// Field 183.
        pub f183: u8,
        /// Field 184.
        pub f184: u8,
        /// Field 185.
        pub f185: u8,
        /// Field 186.
        pub f186: u8,
        /// Field 187.
        pub f187: u8,
        /// Field 188.
        pub f188: u8,
        /// Field 189.
        pub f189: u8,
        /// Field 190.
        pub f190: u8,
        /// Field 191.
        pub f191: u8,
        /// Field 192.
        pub f192: u8,
        /// Field 193.
        pub f193: u8,
        /// Field 194.
        pub f194: u8,
        /// Field 195.
        pub f195: u8,
        /// Field 196.
        pub f196: u8,
        /// Field 197.
        pub f197: u8,
        /// Field 198.
        pub f198: u8,
        /// The probe.
        #[serde(skip_serializing_if = "counted")]
        pub probe: u8,
    }
}

greentic_model! {
    /// The same through serde's derive.
    #[derive(Default)]
    #[serde(bound = "")]
    pub struct WideTwin {
        /// Field 0.
        pub f0: u8,
        /// Field 1.
        pub f1: u8,
        /// Field 2.
        pub f2: u8,
        /// Field 3.
        pub f3: u8,
        /// Field 4.
        pub f4: u8,
        /// Field 5.
        pub f5: u8,
        /// Field 6.
        pub f6: u8,
        /// Field 7.
        pub f7: u8,
        /// Field 8.
        pub f8: u8,
        /// Field 9.
        pub f9: u8,
        /// Field 10.
        pub f10: u8,
        /// Field 11.
        pub f11: u8,
        /// Field 12.
        pub f12: u8,
        /// Field 13.
        pub f13: u8,
        /// Field 14.
        pub f14: u8,
        /// Field 15.
        pub f15: u8,
        /// Field 16.
        pub f16: u8,
        /// Field 17.
        pub f17: u8,
        /// Field 18.
        pub f18: u8,
        /// Field 19.
        pub f19: u8,
        /// Field 20.
        pub f20: u8,
        /// Field 21.
        pub f21: u8,
        /// Field 22.
        pub f22: u8,
        /// Field 23.
        pub f23: u8,
        /// Field 24.
        pub f24: u8,
        /// Field 25.
        pub f25: u8,
        /// Field 26.
        pub f26: u8,
        /// Field 27.
        pub f27: u8,
        /// Field 28.
        pub f28: u8,
        /// Field 29.
        pub f29: u8,
        /// Field 30.
        pub f30: u8,
        /// Field 31.
        pub f31: u8,
        /// Field 32.
        pub f32: u8,
        /// Field 33.
        pub f33: u8,
        /// Field 34.
        pub f34: u8,
        /// Field 35.
        pub f35: u8,
        /// Field 36.
        pub f36: u8,
        /// Field 37.
        pub f37: u8,
        /// Field 38.
        pub f38: u8,
        /// Field 39.
        pub f39: u8,
        /// Field 40.
        pub f40: u8,
        /// Field 41.
        pub f41: u8,
        /// Field 42.
        pub f42: u8,
        /// Field 43.
        pub f43: u8,
        /// Field 44.
        pub f44: u8,
        /// Field 45.
        pub f45: u8,
        /// Field 46.
        pub f46: u8,
        /// Field 47.
        pub f47: u8,
        /// Field 48.
        pub f48: u8,
        /// Field 49.
        pub f49: u8,
        /// Field 50.
        pub f50: u8,
        /// Field 51.
        pub f51: u8,
        /// Field 52.
        pub f52: u8,
        /// Field 53.
        pub f53: u8,
        /// Field 54.
        pub f54: u8,
        /// Field 55.
        pub f55: u8,
        /// Field 56.
        pub f56: u8,
        /// Field 57.
        pub f57: u8,
        /// Field 58.
        pub f58: u8,
        /// Field 59.
        pub f59: u8,
        /// Field 60.
        pub f60: u8,
        /// Field 61.
        pub f61: u8,
        /// Field 62.
        pub f62: u8,
        /// Field 63.
        pub f63: u8,
        /// Field 64.
        pub f64: u8,
        /// Field 65.
        pub f65: u8,
        /// Field 66.
        pub f66: u8,
        /// Field 67.
        pub f67: u8,
        /// Field 68.
        pub f68: u8,
        /// Field 69.
        pub f69: u8,
        /// Field 70.
        pub f70: u8,
        /// Field 71.
        pub f71: u8,
        /// Field 72.
        pub f72: u8,
        /// Field 73.
        pub f73: u8,
        /// Field 74.
        pub f74: u8,
        /// Field 75.
        pub f75: u8,
        /// Field 76.
        pub f76: u8,
        /// Field 77.
        pub f77: u8,
        /// Field 78.
        pub f78: u8,
        /// Field 79.
        pub f79: u8,
        /// Field 80.
        pub f80: u8,
        /// Field 81.
        pub f81: u8,
        /// Field 82.
        pub f82: u8,
        /// Field 83.
        pub f83: u8,
        /// Field 84.
        pub f84: u8,
        /// Field 85.
        pub f85: u8,
        /// Field 86.
        pub f86: u8,
        /// Field 87.
        pub f87: u8,
        /// Field 88.
        pub f88: u8,
        /// Field 89.
        pub f89: u8,
        /// Field 90.
        pub f90: u8,
        /// Field 91.
        pub f91: u8,
        /// Field 92.
        pub f92: u8,
        /// Field 93.
        pub f93: u8,
        /// Field 94.
        pub f94: u8,
        /// Field 95.
        pub f95: u8,
        /// Field 96.
        pub f96: u8,
        /// Field 97.
        pub f97: u8,
        /// Field 98.
        pub f98: u8,
        /// Field 99.
        pub f99: u8,
        /// Field 100.
        pub f100: u8,
        /// Field 101.
        pub f101: u8,
        /// Field 102.
        pub f102: u8,
        /// Field 103.
        pub f103: u8,
        /// Field 104.
        pub f104: u8,
        /// Field 105.
        pub f105: u8,
        /// Field 106.
        pub f106: u8,
        /// Field 107.
        pub f107: u8,
        /// Field 108.
        pub f108: u8,
        /// Field 109.
        pub f109: u8,
        /// Field 110.
        pub f110: u8,
        /// Field 111.
        pub f111: u8,
        /// Field 112.
        pub f112: u8,
        /// Field 113.
        pub f113: u8,
        /// Field 114.
        pub f114: u8,
        /// Field 115.
        pub f115: u8,
        /// Field 116.
        pub f116: u8,
        /// Field 117.
        pub f117: u8,
        /// Field 118.
        pub f118: u8,
        /// Field 119.
        pub f119: u8,
        /// Field 120.
        pub f120: u8,
        /// Field 121.
        pub f121: u8,
        /// Field 122.
        pub f122: u8,
        /// Field 123.
        pub f123: u8,
        /// Field 124.
        pub f124: u8,
        /// Field 125.
        pub f125: u8,
        /// Field 126.
        pub f126: u8,
        /// Field 127.
        pub f127: u8,
        /// Field 128.
        pub f128: u8,
        /// Field 129.
        pub f129: u8,
        /// Field 130.
        pub f130: u8,
        /// Field 131.
        pub f131: u8,
        /// Field 132.
        pub f132: u8,
        /// Field 133.
        pub f133: u8,
        /// Field 134.
        pub f134: u8,
        /// Field 135.
        pub f135: u8,
        /// Field 136.
        pub f136: u8,
        /// Field 137.
        pub f137: u8,
        /// Field 138.
        pub f138: u8,
        /// Field 139.
        pub f139: u8,
        /// Field 140.
        pub f140: u8,
        /// Field 141.
        pub f141: u8,
        /// Field 142.
        pub f142: u8,
        /// Field 143.
        pub f143: u8,
        /// Field 144.
        pub f144: u8,
        /// Field 145.
        pub f145: u8,
        /// Field 146.
        pub f146: u8,
        /// Field 147.
        pub f147: u8,
        /// Field 148.
        pub f148: u8,
        /// Field 149.
        pub f149: u8,
        /// Field 150.
        pub f150: u8,
        /// Field 151.
        pub f151: u8,
        /// Field 152.
        pub f152: u8,
        /// Field 153.
        pub f153: u8,
        /// Field 154.
        pub f154: u8,
        /// Field 155.
        pub f155: u8,
        /// Field 156.
        pub f156: u8,
        /// Field 157.
        pub f157: u8,
        /// Field 158.
        pub f158: u8,
        /// Field 159.
        pub f159: u8,
        /// Field 160.
        pub f160: u8,
        /// Field 161.
        pub f161: u8,
        /// Field 162.
        pub f162: u8,
        /// Field 163.
        pub f163: u8,
        /// Field 164.
        pub f164: u8,
        /// Field 165.
        pub f165: u8,
        /// Field 166.
        pub f166: u8,
        /// Field 167.
        pub f167: u8,
        /// Field 168.
        pub f168: u8,
        /// Field 169.
        pub f169: u8,
        /// Field 170.
        pub f170: u8,
        /// Field 171.
        pub f171: u8,
        /// Field 172.
        pub f172: u8,
        /// Field 173.
        pub f173: u8,
        /// Field 174.
        pub f174: u8,
        /// Field 175.
        pub f175: u8,
        /// Field 176.
        pub f176: u8,
        /// Field 177.
        pub f177: u8,
        /// Field 178.
        pub f178: u8,
        /// Field 179.
        pub f179: u8,
        /// Field 180.
        pub f180: u8,
        /// Field 181.
        pub f181: u8,
        /// Field 182.
        pub f182: u8,
        /// Field 183.
        pub f183: u8,
        /// Field 184.
        pub f184: u8,
        /// Field 185.
        pub f185: u8,
        /// Field 186.
        pub f186: u8,
        /// Field 187.
        pub f187: u8,
        /// Field 188.
        pub f188: u8,
        /// Field 189.
        pub f189: u8,
        /// Field 190.
        pub f190: u8,
        /// Field 191.
        pub f191: u8,
        /// Field 192.
        pub f192: u8,
        /// Field 193.
        pub f193: u8,
        /// Field 194.
        pub f194: u8,
        /// Field 195.
        pub f195: u8,
        /// Field 196.
        pub f196: u8,
        /// Field 197.
        pub f197: u8,
        /// Field 198.
        pub f198: u8,
        /// The probe.
        #[serde(skip_serializing_if = "counted")]
        pub probe: u8,
    }
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

greentic_model! {
    /// A predicate with generic arguments: serde's derive reads it.
    #[derive(Default)]
    pub struct Turbofish {
        /// The probe.
        #[serde(skip_serializing_if = "counted")]
        pub probe: u8,
        /// Left out when zero.
        #[serde(skip_serializing_if = "is_default::<u8>")]
        pub size: u8,
    }
}

pair!(UnnamedLean, UnnamedTwin,
    /// Renamed to the empty name, which some formats refuse.
    #[serde(rename = "")]
    #[derive(Default)]
    {
        /// A field.
        pub a: u8,
        /// The probe.
        #[serde(skip_serializing_if = "counted")]
        pub probe: u8,
    }
);

/// One call a serializer received.
#[derive(Debug, PartialEq)]
enum Call {
    Struct(&'static str, usize),
    Field(&'static str, serde_json::Value),
    Skip(&'static str),
    End,
}

#[derive(Debug)]
struct Refused(String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

impl ser::Error for Refused {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Refused(msg.to_string())
    }
}

/// Records a struct's calls; anything else is refused.
struct Recorder<'a>(&'a mut Vec<Call>);

macro_rules! refuse {
    ($($method:ident($($arg:ty),*) -> $ret:ty;)*) => {$(
        fn $method(self, $(_: $arg),*) -> Result<$ret, Refused> {
            Err(Refused(stringify!($method).to_owned()))
        }
    )*};
}

impl<'a> Serializer for Recorder<'a> {
    type Ok = ();
    type Error = Refused;
    type SerializeSeq = Impossible<(), Refused>;
    type SerializeTuple = Impossible<(), Refused>;
    type SerializeTupleStruct = Impossible<(), Refused>;
    type SerializeTupleVariant = Impossible<(), Refused>;
    type SerializeMap = Impossible<(), Refused>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Refused>;

    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Self, Refused> {
        self.0.push(Call::Struct(name, len));
        Ok(self)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Refused> {
        Err(Refused("some".into()))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), Refused> {
        Err(Refused("newtype_struct".into()))
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Refused> {
        Err(Refused("newtype_variant".into()))
    }

    refuse! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_str(&str) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

impl SerializeStruct for Recorder<'_> {
    type Ok = ();
    type Error = Refused;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        let value = serde_json::to_value(value).map_err(|e| Refused(e.to_string()))?;
        self.0.push(Call::Field(key, value));
        Ok(())
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), Refused> {
        self.0.push(Call::Skip(key));
        Ok(())
    }

    fn end(self) -> Result<(), Refused> {
        self.0.push(Call::End);
        Ok(())
    }
}

/// The calls writing `v` makes.
fn record<T: Serialize>(v: &T) -> Vec<Call> {
    let mut calls = Vec::new();
    v.serialize(Recorder(&mut calls))
        .expect("a struct is written");
    calls
}

/// The twin's calls with its name put back to the lean one's.
fn renamed(calls: Vec<Call>, twin: &'static str, lean: &'static str) -> Vec<Call> {
    calls
        .into_iter()
        .map(|call| match call {
            Call::Struct(name, len) if name == twin => Call::Struct(lean, len),
            other => other,
        })
        .collect()
}

/// Both types, read from one document, write the same calls, JSON and
/// postcard bytes.
fn agree<L, T>(lean: &'static str, twin: &'static str, text: &str)
where
    L: Serialize + serde::de::DeserializeOwned,
    T: Serialize + serde::de::DeserializeOwned,
{
    let (Ok(l), Ok(t)) = (
        serde_json::from_str::<L>(text),
        serde_json::from_str::<T>(text),
    ) else {
        return;
    };
    assert_eq!(
        record(&l),
        renamed(record(&t), twin, lean),
        "calls for {text}"
    );
    assert_eq!(
        serde_json::to_string(&l).unwrap(),
        serde_json::to_string(&t).unwrap(),
        "JSON for {text}"
    );
    assert_eq!(
        postcard::to_allocvec(&l).unwrap(),
        postcard::to_allocvec(&t).unwrap(),
        "postcard for {text}"
    );
}

fn documents(keys: &'static [&'static str]) -> impl Strategy<Value = String> {
    let value = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        (0u32..3).prop_map(|n| n.to_string()),
        Just(r#""""#.to_owned()),
        Just(r#"" ""#.to_owned()),
        Just(r#""x""#.to_owned()),
        Just(r#""flow-1""#.to_owned()),
        Just(r#"["a"]"#.to_owned()),
        Just("[]".to_owned()),
        Just(r#"{"a":1}"#.to_owned()),
    ];
    let member = (prop::sample::select(keys), value)
        .prop_map(|(k, v)| format!("{}:{v}", serde_json::to_string(k).unwrap()));
    prop::collection::vec(member, 0..8).prop_map(|m| format!("{{{}}}", m.join(",")))
}

const PLAIN_KEYS: &[&str] = &[
    "name", "note", "kind", "tags", "count", "title", "cache", "secret", "computed", "type",
    "flow", "labels", "probe",
];
const CASED_KEYS: &[&str] = &["FIRST-NAME", "ID", "PROBE"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn plain_fields_are_written_as_serde_writes_them(text in documents(PLAIN_KEYS)) {
        agree::<PlainLean, PlainTwin>("PlainLean", "PlainTwin", &text);
    }

    #[test]
    fn container_rename_and_rule_are_written_as_serde_writes_them(text in documents(CASED_KEYS)) {
        agree::<CasedLean, CasedTwin>("Cased", "Cased", &text);
    }
}

#[test]
fn every_shape_makes_serdes_calls_name_length_hint_and_skips_included() {
    let plain = PlainLean {
        name: "n".into(),
        count: 3,
        title: " ".into(),
        secret: "s".into(),
        ..PlainLean::default()
    };
    let calls = record(&plain);
    assert_eq!(calls[0], Call::Struct("PlainLean", 7));
    assert!(calls.contains(&Call::Skip("tags")));
    assert!(calls.contains(&Call::Skip("title")));
    assert!(calls.contains(&Call::Field("count", 3.into())));
    assert!(
        !calls
            .iter()
            .any(|c| matches!(c, Call::Field("secret" | "cache", _)))
    );
    let twin: PlainTwin = serde_json::from_value(serde_json::to_value(&plain).unwrap()).unwrap();
    let twin = PlainTwin {
        secret: "s".into(),
        ..twin
    };
    assert_eq!(calls, renamed(record(&twin), "PlainTwin", "PlainLean"));

    assert_eq!(
        record(&EmptyLean {}),
        [Call::Struct("EmptyLean", 0), Call::End]
    );
    assert_eq!(
        record(&EmptyLean {}),
        renamed(record(&EmptyTwin {}), "EmptyTwin", "EmptyLean")
    );
    assert_eq!(
        record(&AllSkippedLean::default()),
        renamed(
            record(&AllSkippedTwin::default()),
            "AllSkippedTwin",
            "AllSkippedLean"
        )
    );
    #[allow(deprecated)]
    let old = (OldLean { now: 1, then: 2 }, OldTwin { now: 1, then: 2 });
    assert_eq!(
        record(&old.0),
        renamed(record(&old.1), "OldTwin", "OldLean")
    );
    assert_eq!(record(&old.0)[0], Call::Struct("OldLean", 2));

    // An empty container name is a name (RON refuses it, as it refuses serde's).
    assert_eq!(record(&UnnamedLean::default())[0], Call::Struct("", 1));
    assert_eq!(
        record(&UnnamedLean::default()),
        record(&UnnamedTwin::default())
    );
    assert!(ron::to_string(&UnnamedLean::default()).is_err());
    assert!(ron::to_string(&UnnamedTwin::default()).is_err());
}

#[test]
fn the_lean_form_is_taken_exactly_where_its_attributes_allow() {
    // Lean: the predicate is asked once.
    assert_eq!(asked(&PlainLean::default()), 1);
    assert_eq!(asked(&CasedLean::default()), 1);
    assert_eq!(asked(&UnnamedLean::default()), 1);
    #[allow(deprecated)]
    let old = OldLean { now: 0, then: 0 };
    assert_eq!(asked(&old), 1);
    // serde's derive: twice.
    assert_eq!(asked(&PlainTwin::default()), 2);
    let boxed = Boxed::<u8> {
        value: Some(1),
        probe: 0,
    };
    assert_eq!(asked(&boxed), 2);
    assert_eq!(asked(&Custom { value: 1, probe: 0 }), 2);
    assert_eq!(asked(&Configured { probe: 0 }), 2);
    assert_eq!(asked(&Wide::default()), 1);
    assert_eq!(asked(&WideTwin::default()), 2);
    assert_eq!(record(&Wide::default())[0], Call::Struct("Wide", 199));
    let wide = Wide {
        f7: 7,
        f198: 198,
        probe: 1,
        ..Wide::default()
    };
    let twin = WideTwin {
        f7: 7,
        f198: 198,
        probe: 1,
        ..WideTwin::default()
    };
    assert_eq!(record(&wide), renamed(record(&twin), "WideTwin", "Wide"));
    // A predicate that is a path with generic arguments: serde's derive.
    assert_eq!(asked(&Turbofish::default()), 2);
    assert_eq!(
        serde_json::to_value(Turbofish { probe: 0, size: 0 }).unwrap(),
        serde_json::json!({})
    );
    // And they still write what serde writes.
    assert_eq!(
        serde_json::to_value(&Custom { value: 4, probe: 1 }).unwrap(),
        serde_json::json!({"value": 8, "probe": 1})
    );
}
