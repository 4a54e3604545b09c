//! A small interpreter for Kafka's message schemas, enough for the
//! `__consumer_offsets` keys and values: classic (i16/i32 lengths) and
//! flexible (compact lengths, tagged fields) encodings, decoded to JSON.
//! The schemas themselves are listed in `coordinator.rs`.

use crate::model::cursor::{Cursor, Short};
use serde_json::{json, Map, Value};

#[derive(Debug, Clone, Copy)]
pub enum Ty {
    I8,
    I16,
    I32,
    I64,
    Str,
    Bytes,
    Uuid,
    StrArray,
    I32Array,
    /// Array of structs with these fields.
    Structs(&'static [Field]),
    /// One struct with these fields (a nullable one has a presence byte first).
    Struct(&'static [Field]),
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    /// First version with this field.
    pub since: i16,
    /// Last version with this field (inclusive).
    pub until: i16,
    pub nullable: bool,
    /// A tagged field (flexible versions): its tag.
    pub tag: Option<u32>,
}

pub const fn f(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        since: 0,
        until: i16::MAX,
        nullable: false,
        tag: None,
    }
}

pub const fn nullable(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        since: 0,
        until: i16::MAX,
        nullable: true,
        tag: None,
    }
}

/// A tagged field: absent unless written, then under its tag among the tagged fields.
pub const fn tagged(tag: u32, field: Field) -> Field {
    Field {
        tag: Some(tag),
        ..field
    }
}

pub const fn since(v: i16, field: Field) -> Field {
    Field { since: v, ..field }
}

/// Why a record could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchemaError {
    #[error(transparent)]
    Short(#[from] Short),
    #[error("{0}")]
    Invalid(String),
}

/// Reads one message's fields in the classic or the flexible encoding.
pub struct Decoder<'a, 'b> {
    pub c: &'b mut Cursor<'a>,
    pub flexible: bool,
}

impl<'a, 'b> Decoder<'a, 'b> {
    pub fn new(c: &'b mut Cursor<'a>, flexible: bool) -> Self {
        Decoder { c, flexible }
    }

    fn len(&mut self, what: &'static str, wide: bool) -> Result<Option<usize>, SchemaError> {
        let n: i64 = if self.flexible {
            self.c.uvarint(what)? as i64 - 1
        } else if wide {
            self.c.i32(what)? as i64
        } else {
            self.c.i16(what)? as i64
        };
        if n < 0 {
            return Ok(None);
        }
        let n = n as usize;
        // Every element takes at least one byte: a count beyond what is left is corrupt.
        if n > self.c.remaining() {
            return Err(SchemaError::Invalid(format!(
                "{what}: length {n} exceeds the {} bytes left",
                self.c.remaining()
            )));
        }
        Ok(Some(n))
    }

    pub fn string(&mut self, what: &'static str) -> Result<Option<String>, SchemaError> {
        match self.len(what, false)? {
            None => Ok(None),
            Some(n) => Ok(Some(
                String::from_utf8_lossy(self.c.take(n, what)?).into_owned(),
            )),
        }
    }

    pub fn bytes(&mut self, what: &'static str) -> Result<Option<&'a [u8]>, SchemaError> {
        match self.len(what, true)? {
            None => Ok(None),
            Some(n) => Ok(Some(self.c.take(n, what)?)),
        }
    }

    pub fn array_len(&mut self, what: &'static str) -> Result<Option<usize>, SchemaError> {
        self.len(what, true)
    }

    /// The tagged fields after a struct's fields: those `fields` names are decoded into
    /// `m`, any other is kept as hex under `tagged_fields`.
    fn tagged_into(
        &mut self,
        fields: &[Field],
        version: i16,
        m: &mut Map<String, Value>,
    ) -> Result<(), SchemaError> {
        if !self.flexible {
            return Ok(());
        }
        let n = self.c.uvarint("tagged field count")? as usize;
        if n > self.c.remaining() {
            return Err(SchemaError::Invalid(format!(
                "{n} tagged fields in {} bytes",
                self.c.remaining()
            )));
        }
        let mut unknown = Map::new();
        for _ in 0..n {
            let tag = self.c.uvarint("tag")?;
            let size = self.c.uvarint("tag size")? as usize;
            let data = self.c.take(size, "tagged field")?;
            let known = fields
                .iter()
                .find(|fd| fd.tag == Some(tag) && version >= fd.since && version <= fd.until);
            match known {
                Some(fd) => {
                    let mut c = Cursor::new(data);
                    let v = Decoder::new(&mut c, true).value(fd, version)?;
                    if !c.is_empty() {
                        return Err(SchemaError::Invalid(format!(
                            "{} unexpected trailing bytes in tagged field {}",
                            c.remaining(),
                            fd.name
                        )));
                    }
                    m.insert(fd.name.to_string(), v);
                }
                None => {
                    unknown.insert(tag.to_string(), json!(hex(data)));
                }
            }
        }
        if !unknown.is_empty() {
            m.insert("tagged_fields".into(), Value::Object(unknown));
        }
        Ok(())
    }

    /// Skip the tagged fields of a struct read by hand (their values are not kept).
    pub fn tagged(&mut self) -> Result<(), SchemaError> {
        self.tagged_into(&[], 0, &mut Map::new())
    }

    fn fields(&mut self, fields: &[Field], version: i16) -> Result<Value, SchemaError> {
        let mut m = Map::new();
        for fd in fields
            .iter()
            .filter(|fd| fd.tag.is_none() && version >= fd.since && version <= fd.until)
        {
            let v = self.value(fd, version)?;
            m.insert(fd.name.to_string(), v);
        }
        self.tagged_into(fields, version, &mut m)?;
        Ok(Value::Object(m))
    }

    fn value(&mut self, fd: &Field, version: i16) -> Result<Value, SchemaError> {
        let name = fd.name;
        Ok(match fd.ty {
            Ty::I8 => json!(self.c.i8(name)?),
            Ty::I16 => json!(self.c.i16(name)?),
            Ty::I32 => json!(self.c.i32(name)?),
            Ty::I64 => json!(self.c.i64(name)?),
            Ty::Uuid => json!(uuid(self.c.take(16, name)?)),
            Ty::Str => match self.string(name)? {
                Some(s) => json!(s),
                None if fd.nullable => Value::Null,
                None => {
                    return Err(SchemaError::Invalid(format!(
                        "{name} is null but not nullable"
                    )))
                }
            },
            Ty::Bytes => match self.bytes(name)? {
                Some(b) => json!(hex(b)),
                None => Value::Null,
            },
            Ty::StrArray => match self.array_len(name)? {
                None => Value::Null,
                Some(n) => {
                    let mut v = Vec::with_capacity(n);
                    for _ in 0..n {
                        v.push(json!(self.string(name)?));
                    }
                    Value::Array(v)
                }
            },
            Ty::I32Array => match self.array_len(name)? {
                None => Value::Null,
                Some(n) => {
                    let mut v = Vec::with_capacity(n);
                    for _ in 0..n {
                        v.push(json!(self.c.i32(name)?));
                    }
                    Value::Array(v)
                }
            },
            Ty::Struct(fields) => {
                // A nullable struct's presence: 0 (null) or 1 in flexible versions, -1 or 1 before.
                let absent = fd.nullable
                    && if self.flexible {
                        self.c.uvarint(name)? == 0
                    } else {
                        self.c.i8(name)? < 0
                    };
                if absent {
                    Value::Null
                } else {
                    self.fields(fields, version)?
                }
            }
            Ty::Structs(fields) => match self.array_len(name)? {
                None => Value::Null,
                Some(n) => {
                    let mut v = Vec::with_capacity(n);
                    for _ in 0..n {
                        // Nested structs are versioned with the record that holds them.
                        v.push(self.fields(fields, version)?);
                    }
                    Value::Array(v)
                }
            },
        })
    }
}

/// Decode `fields` at `version`; the whole input must be consumed.
pub fn decode(
    data: &[u8],
    fields: &[Field],
    version: i16,
    flexible: bool,
) -> Result<Value, SchemaError> {
    let mut c = Cursor::new(data);
    let v = Decoder {
        c: &mut c,
        flexible,
    }
    .fields(fields, version)?;
    if !c.is_empty() {
        return Err(SchemaError::Invalid(format!(
            "{} unexpected trailing bytes",
            c.remaining()
        )));
    }
    Ok(v)
}

pub fn hex(b: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(b.len() * 2);
    for x in b {
        s.push(DIGITS[(x >> 4) as usize] as char);
        s.push(DIGITS[(x & 15) as usize] as char);
    }
    s
}

/// Kafka prints topic ids base64 (url-safe, unpadded); the same here.
pub fn uuid(b: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in b.chunks(3) {
        let n = chunk.iter().fold(0u32, |acc, x| (acc << 8) | *x as u32) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: &[Field] = &[
        f("a", Ty::I32),
        nullable("b", Ty::Str),
        since(1, f("c", Ty::I64)),
        f("xs", Ty::StrArray),
    ];

    #[test]
    fn classic_encoding() {
        let mut data = vec![0, 0, 0, 7, 0xff, 0xff]; // a=7, b=null
        data.extend_from_slice(&[0, 0, 0, 1, 0, 1, b'x']); // xs=["x"]
        assert_eq!(
            decode(&data, S, 0, false).unwrap(),
            json!({"a": 7, "b": null, "xs": ["x"]})
        );
        assert!(decode(&data, S, 1, false).is_err(), "v1 expects c");
    }

    #[test]
    fn flexible_encoding_with_tagged_fields() {
        let mut data = vec![0, 0, 0, 7, 3, b'h', b'i'];
        data.extend_from_slice(&0i64.to_be_bytes());
        data.extend_from_slice(&[2, 3, b'y', b'z']); // xs=["yz"]
        data.extend_from_slice(&[1, 0, 1, 0xab]); // one tagged field: tag 0, 1 byte
        assert_eq!(
            decode(&data, S, 1, true).unwrap(),
            json!({"a": 7, "b": "hi", "c": 0, "xs": ["yz"], "tagged_fields": {"0": "ab"}})
        );
    }

    const INNER: &[Field] = &[f("n", Ty::I32)];
    const TAGGED: &[Field] = &[
        f("a", Ty::I32),
        tagged(0, f("hash", Ty::I64)),
        tagged(1, nullable("inner", Ty::Struct(INNER))),
    ];

    #[test]
    fn named_tagged_fields_and_nullable_structs() {
        let mut data = vec![0, 0, 0, 7, 3]; // a=7, three tagged fields
        data.extend_from_slice(&[0, 8]);
        data.extend_from_slice(&(-5i64).to_be_bytes()); // hash
        data.extend_from_slice(&[1, 6, 1, 0, 0, 0, 9, 0]); // inner: present, n=9, no tags
        data.extend_from_slice(&[5, 1, 0xee]); // an unknown tag
        assert_eq!(
            decode(&data, TAGGED, 0, true).unwrap(),
            json!({"a": 7, "hash": -5, "inner": {"n": 9}, "tagged_fields": {"5": "ee"}})
        );
        // Written null: presence 0.
        let data = [0, 0, 0, 7, 1, 1, 1, 0];
        assert_eq!(
            decode(&data, TAGGED, 0, true).unwrap(),
            json!({"a": 7, "inner": null})
        );
        // A tagged value longer than its type: an error, not a silent skip.
        let data = [0, 0, 0, 7, 1, 1, 7, 1, 0, 0, 0, 9, 0, 0];
        assert!(decode(&data, TAGGED, 0, true).is_err());
    }

    #[test]
    fn absurd_lengths_are_errors() {
        let data = [0, 0, 0, 7, 0x7f, 0xff];
        assert!(matches!(
            decode(&data, S, 0, false),
            Err(SchemaError::Invalid(_))
        ));
        assert!(decode(&[], S, 0, false).is_err());
    }

    #[test]
    fn uuids_print_like_kafka() {
        assert_eq!(uuid(&[0u8; 16]), "AAAAAAAAAAAAAAAAAAAAAA");
    }
}
