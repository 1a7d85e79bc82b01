// Which deserializer a struct gets is invisible at run time (both behave as
// serde's derive, see `tests/struct_de.rs`), so this pins the choice itself:
// attributes a user's macro forwards as `literal`/`expr` fragments still take
// the lean path, which declares no private serde twin to name.

macro_rules! forwarded {
    ($rename:literal, $alias:expr) => {
        greentic_types::greentic_model! {
            /// A widget declared through a user's macro.
            pub struct Widget {
                /// Its name.
                #[serde(rename = $rename, alias = $alias)]
                pub name: String,
            }
        }
    };
}

forwarded!("title", "label");

fn main() {
    let _: Option<__GreenticDe_Widget> = None;
}
