greentic_types::greentic_model! {
    /// A fixed number of slots.
    pub struct Slots<const N: usize> {
        /// The slots.
        pub slots: [u8; N],
    }
}

fn main() {}
