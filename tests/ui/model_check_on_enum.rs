fn never(_: &Mode, _: &greentic_types::Path<'_>, _: &mut greentic_types::Violations) {}

greentic_types::greentic_model! {
    /// A mode.
    #[check = never]
    pub enum Mode {
        /// On.
        On,
        /// Off.
        Off,
    }
}

fn main() {}
