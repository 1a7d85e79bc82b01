//! A deterministic xorshift64 for tests that generate their cases: the same
//! sequence on every machine, without a dependency.

/// A source of numbers below a bound: `next(n)` is in `0..n` (`n > 0`).
pub fn below() -> impl FnMut(usize) -> usize {
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    move |n| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    }
}
