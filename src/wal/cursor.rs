//! A bounds-checked reader over a byte slice: every read can fail, none panics,
//! and no length read from the data is trusted before it is checked against
//! what is left.

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
        pub fn $name(&mut self, what: &'static str) -> Result<$t, Short> {
            let b = self.take(std::mem::size_of::<$t>(), what)?;
            Ok(<$t>::from_be_bytes(b.try_into().expect("sized")))
        }
    };
}

macro_rules! le {
    ($name:ident, $t:ty) => {
        pub fn $name(&mut self, what: &'static str) -> Result<$t, Short> {
            let b = self.take(std::mem::size_of::<$t>(), what)?;
            Ok(<$t>::from_le_bytes(b.try_into().expect("sized")))
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

    pub fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], Short> {
        if n > self.remaining() {
            return Err(Short {
                what,
                at: self.pos,
                need: n,
                have: self.remaining(),
            });
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
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

    pub fn u8(&mut self, what: &'static str) -> Result<u8, Short> {
        Ok(self.take(1, what)?[0])
    }

    /// Unsigned LEB128 varint (at most 5 bytes for 32 bits).
    pub fn uvarint(&mut self, what: &'static str) -> Result<u32, Short> {
        let mut v: u32 = 0;
        for i in 0..5 {
            let b = self.u8(what)?;
            v |= ((b & 0x7f) as u32) << (7 * i);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(Short {
            what,
            at: self.pos,
            need: 1,
            have: 0,
        })
    }

    /// Unsigned varlong (at most 10 bytes).
    pub fn uvarlong(&mut self, what: &'static str) -> Result<u64, Short> {
        let mut v: u64 = 0;
        for i in 0..10 {
            let b = self.u8(what)?;
            v |= ((b & 0x7f) as u64) << (7 * i);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(Short {
            what,
            at: self.pos,
            need: 1,
            have: 0,
        })
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
        assert_eq!((e.need, e.have), (8, 0));
        assert!(c.take(usize::MAX, "huge").is_err());
    }

    #[test]
    fn varints() {
        let mut c = Cursor::new(&[0x96, 0x01, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff]);
        assert_eq!(c.uvarint("x").unwrap(), 150);
        assert_eq!(c.uvarint("y").unwrap(), 127);
        assert!(c.uvarint("z").is_err(), "unterminated varint");
    }
}
