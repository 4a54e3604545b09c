//! A bounds-checked reader over a byte slice: every read can fail, none panics,
//! and no length read from the data is trusted before it is checked against
//! what is left. The one byte walker for everything groupctl decodes by hand
//! (coordinator log records, the consumer protocol).

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what}: needs {need} bytes at {at}, {have} left")]
pub struct Short {
    pub what: &'static str,
    pub at: usize,
    pub need: usize,
    pub have: usize,
}

#[derive(Clone)]
pub struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
}

macro_rules! be {
    ($name:ident, $t:ty) => {
        #[inline]
        pub fn $name(&mut self, what: &'static str) -> Result<$t, Short> {
            const N: usize = std::mem::size_of::<$t>();
            let b = self.take(N, what)?;
            let mut a = [0u8; N];
            a.copy_from_slice(b);
            Ok(<$t>::from_be_bytes(a))
        }
    };
}

macro_rules! le {
    ($name:ident, $t:ty) => {
        #[inline]
        pub fn $name(&mut self, what: &'static str) -> Result<$t, Short> {
            const N: usize = std::mem::size_of::<$t>();
            let b = self.take(N, what)?;
            let mut a = [0u8; N];
            a.copy_from_slice(b);
            Ok(<$t>::from_le_bytes(a))
        }
    };
}

impl<'a> Cursor<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Cursor { data, pos: 0 }
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    pub fn is_empty(&self) -> bool {
        self.remaining() == 0
    }

    pub fn rest(&self) -> &'a [u8] {
        &self.data[self.pos..]
    }

    fn short(&self, what: &'static str, need: usize) -> Short {
        Short {
            what,
            at: self.pos,
            need,
            have: self.remaining(),
        }
    }

    #[inline]
    pub fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], Short> {
        match self.data.get(self.pos..).and_then(|r| r.get(..n)) {
            Some(s) => {
                self.pos += n;
                Ok(s)
            }
            None => Err(self.short(what, n)),
        }
    }

    be!(i8, i8);
    be!(i16, i16);
    be!(u16, u16);
    be!(i32, i32);
    be!(u32, u32);
    be!(i64, i64);
    le!(u16_le, u16);
    le!(i32_le, i32);
    le!(u32_le, u32);
    le!(i64_le, i64);

    #[inline]
    pub fn u8(&mut self, what: &'static str) -> Result<u8, Short> {
        Ok(self.take(1, what)?[0])
    }

    /// Unsigned LEB128 of at most `max_bytes` bytes.
    #[inline]
    fn leb128(&mut self, what: &'static str, max_bytes: u32) -> Result<u64, Short> {
        let mut v: u64 = 0;
        for i in 0..max_bytes {
            let b = self.u8(what)?;
            v |= ((b & 0x7f) as u64) << (7 * i);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        // Too many continuation bytes: as corrupt as running out of data.
        Err(self.short(what, 1))
    }

    /// Unsigned varint (at most 5 bytes for 32 bits): compact lengths, tag numbers.
    #[inline]
    pub fn uvarint(&mut self, what: &'static str) -> Result<u32, Short> {
        Ok(self.leb128(what, 5)? as u32)
    }

    /// Zig-zag varint (record batch v2 fields).
    #[inline]
    pub fn varint(&mut self, what: &'static str) -> Result<i32, Short> {
        let v = self.leb128(what, 5)? as u32;
        Ok((v >> 1) as i32 ^ -((v & 1) as i32))
    }

    /// Zig-zag varlong (record timestamp deltas).
    #[inline]
    pub fn varlong(&mut self, what: &'static str) -> Result<i64, Short> {
        let v = self.leb128(what, 10)?;
        Ok((v >> 1) as i64 ^ -((v & 1) as i64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_refuses_past_the_end() {
        let data = [0u8, 1, 0, 0, 0, 2, 0x7E, 0xCA];
        let mut c = Cursor::new(&data);
        assert_eq!(c.i16("a").unwrap(), 1);
        assert_eq!(c.i32("b").unwrap(), 2);
        assert_eq!(c.u16_le("magic").unwrap(), 0xCA7E);
        let e = c.i64("c").unwrap_err();
        assert_eq!((e.need, e.have, e.at), (8, 0, 8));
        assert!(c.take(usize::MAX, "huge").is_err());
        assert_eq!(c.pos(), 8, "a failed read consumes nothing");
    }

    #[test]
    fn varints() {
        let mut c = Cursor::new(&[0x96, 0x01, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff]);
        assert_eq!(c.uvarint("x").unwrap(), 150);
        assert_eq!(c.uvarint("y").unwrap(), 127);
        assert!(c.uvarint("z").is_err(), "unterminated varint");
        // Zig-zag: 0 -> 0, 1 -> -1, 2 -> 1, 3 -> -2.
        let mut c = Cursor::new(&[0, 1, 2, 3, 0xfe, 0xff, 0xff, 0xff, 0x0f]);
        let got: Vec<i32> = (0..5).map(|_| c.varint("v").unwrap()).collect();
        assert_eq!(got, vec![0, -1, 1, -2, i32::MAX]);
        let mut c = Cursor::new(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
        assert_eq!(c.varlong("l").unwrap(), i64::MIN);
    }
}
