//! A tiny deterministic generator (splitmix64) of our own, so that a seed gives the same
//! data forever whatever crate versions we build with.

/// splitmix64: one 64-bit state, good enough statistics for fake data, trivially portable.
#[derive(Debug, Clone)]
pub struct Rng(u64);

/// Mixes one value; also used to derive stable ids from (seed, kind, index).
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// A generator for one stream of the seed, so adding rows to one table does not shift
    /// the data of another.
    pub fn stream(seed: u64, stream: &str) -> Rng {
        Rng(mix(seed ^ fnv(stream)))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0); the modulo bias is irrelevant for fake data.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// A uniform float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }

    pub fn letters(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'A' + self.below(26) as u8))
            .collect()
    }
}

/// FNV-1a, to turn a stream name into a number.
pub fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A stable v4-shaped uuid for row `index` of `kind` under `seed`. Never ends in `0030`,
/// which is the Lyra magic suffix for "token not found".
pub fn uuid_for(seed: u64, kind: &str, index: u64) -> String {
    let a = mix(seed ^ fnv(kind) ^ mix(index));
    let mut b = mix(a ^ 0x5555_5555_5555_5555);
    if b & 0xFFFF == 0x0030 {
        b ^= 0x1000;
    }
    let bytes_a = a.to_be_bytes();
    let bytes_b = b.to_be_bytes();
    let mut raw = [0u8; 16];
    raw[..8].copy_from_slice(&bytes_a);
    raw[8..].copy_from_slice(&bytes_b);
    raw[6] = (raw[6] & 0x0f) | 0x40;
    raw[8] = (raw[8] & 0x3f) | 0x80;
    uuid::Uuid::from_bytes(raw).hyphenated().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_numbers() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        // splitmix64 reference value for state 0 after one step.
        assert_eq!(Rng::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn uuids_are_stable_and_valid() {
        let u = uuid_for(42, "customer", 0);
        assert_eq!(u, uuid_for(42, "customer", 0));
        assert_ne!(u, uuid_for(42, "customer", 1));
        assert!(uuid::Uuid::parse_str(&u).is_ok());
        assert!(!u.ends_with("0030"));
    }
}
