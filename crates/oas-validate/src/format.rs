//! `format` checks: byte-level validators for the formats JSON Schema names, written to the
//! grammar of their RFCs (URI: RFC 3986; date-time: RFC 3339; hostname: RFC 1123) so they cost a
//! scan of the string, not a parse into a structure.

use std::net::{Ipv4Addr, Ipv6Addr};

/// The formats [`check`] knows, for the derive macro's check.
pub const KNOWN: &[&str] = &[
    "uri",
    "uri-reference",
    "email",
    "uuid",
    "date-time",
    "date",
    "ipv4",
    "ipv6",
    "hostname",
];

/// Checks `value` against a known format (unknown formats pass, as JSON Schema says).
pub fn check(format: &str, value: &str) -> bool {
    match format {
        "uri" => uri(value),
        "uri-reference" => uri_reference(value),
        "email" => email(value),
        "uuid" => uuid(value),
        "date-time" => date_time(value),
        "date" => date(value),
        "ipv4" => value.parse::<Ipv4Addr>().is_ok(),
        "ipv6" => value.parse::<Ipv6Addr>().is_ok(),
        "hostname" => hostname(value),
        _ => true,
    }
}

const UNRESERVED: u8 = 1;
const SUB_DELIM: u8 = 2;

/// Character classes of RFC 3986, by byte.
const CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 256 {
        let ch = byte as u8;
        if ch.is_ascii_alphanumeric() || matches!(ch, b'-' | b'.' | b'_' | b'~') {
            table[byte] = UNRESERVED;
        } else if matches!(
            ch,
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
        ) {
            table[byte] = SUB_DELIM;
        }
        byte += 1;
    }
    table
};

/// True when every byte is unreserved, a sub-delimiter, `%XX`, or in `extra`.
fn all_allowed(part: &[u8], extra: &[u8]) -> bool {
    let mut i = 0;
    while i < part.len() {
        let byte = part[i];
        if byte == b'%' {
            if i + 2 >= part.len()
                || !(part[i + 1].is_ascii_hexdigit() && part[i + 2].is_ascii_hexdigit())
            {
                return false;
            }
            i += 3;
            continue;
        }
        if CLASS[byte as usize] == 0 && !extra.contains(&byte) {
            return false;
        }
        i += 1;
    }
    true
}

/// An absolute URI (RFC 3986 `URI`): `scheme:` then a hierarchical part, query and fragment.
pub fn uri(value: &str) -> bool {
    let bytes = value.as_bytes();
    let Some(colon) = bytes.iter().position(|&b| b == b':') else {
        return false;
    };
    scheme(&bytes[..colon]) && relative_part(&bytes[colon + 1..])
}

/// A URI or a relative reference (RFC 3986 `URI-reference`); the empty string is one.
pub fn uri_reference(value: &str) -> bool {
    let bytes = value.as_bytes();
    let first_delimiter = bytes
        .iter()
        .position(|&b| matches!(b, b':' | b'/' | b'?' | b'#'));
    match first_delimiter {
        Some(colon) if bytes[colon] == b':' => {
            scheme(&bytes[..colon]) && relative_part(&bytes[colon + 1..])
        }
        _ => relative_part(bytes),
    }
}

fn scheme(scheme: &[u8]) -> bool {
    matches!(scheme.first(), Some(b) if b.is_ascii_alphabetic())
        && scheme
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

/// `hier-part [ "?" query ] [ "#" fragment ]`.
fn relative_part(rest: &[u8]) -> bool {
    let (rest, fragment) = split_at_byte(rest, b'#');
    let (hier, query) = split_at_byte(rest, b'?');
    if let Some(fragment) = fragment {
        if !all_allowed(fragment, b":@/?") {
            return false;
        }
    }
    if let Some(query) = query {
        if !all_allowed(query, b":@/?") {
            return false;
        }
    }
    match hier.strip_prefix(b"//") {
        Some(after) => {
            let end = after.iter().position(|&b| b == b'/').unwrap_or(after.len());
            authority(&after[..end]) && all_allowed(&after[end..], b":@/")
        }
        None => all_allowed(hier, b":@/"),
    }
}

fn split_at_byte(bytes: &[u8], delimiter: u8) -> (&[u8], Option<&[u8]>) {
    match bytes.iter().position(|&b| b == delimiter) {
        Some(at) => (&bytes[..at], Some(&bytes[at + 1..])),
        None => (bytes, None),
    }
}

/// `[ userinfo "@" ] host [ ":" port ]`.
fn authority(authority: &[u8]) -> bool {
    let (userinfo, host_port) = match authority.iter().rposition(|&b| b == b'@') {
        Some(at) => (Some(&authority[..at]), &authority[at + 1..]),
        None => (None, authority),
    };
    if userinfo.is_some_and(|userinfo| !all_allowed(userinfo, b":")) {
        return false;
    }
    if let Some(literal) = host_port.strip_prefix(b"[") {
        let Some(close) = literal.iter().position(|&b| b == b']') else {
            return false;
        };
        let inside = &literal[..close];
        let after = &literal[close + 1..];
        let ip_ok = std::str::from_utf8(inside)
            .is_ok_and(|text| text.parse::<Ipv6Addr>().is_ok() || text.starts_with('v'));
        return ip_ok
            && (after.is_empty()
                || after.first() == Some(&b':') && after[1..].iter().all(u8::is_ascii_digit));
    }
    let (host, port) = match host_port.iter().rposition(|&b| b == b':') {
        Some(at) => (&host_port[..at], Some(&host_port[at + 1..])),
        None => (host_port, None),
    };
    port.is_none_or(|port| port.iter().all(u8::is_ascii_digit)) && all_allowed(host, b"")
}

/// `local@domain` with a dot-atom local part and a hostname domain.
pub fn email(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    let atext = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b);
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.bytes().all(|b| atext(b) || b == b'.')
        && hostname(domain)
}

/// `8-4-4-4-12` hexadecimal digits.
pub fn uuid(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, &b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens.
pub fn hostname(value: &str) -> bool {
    let value = value.strip_suffix('.').unwrap_or(value);
    !value.is_empty()
        && value.len() <= 253
        && value.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// RFC 3339 `full-date`.
pub fn date(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() == 10 && full_date(b)
}

fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

fn full_date(b: &[u8]) -> bool {
    let (Some(year), Some(month), Some(day)) =
        (digits(&b[0..4]), digits(&b[5..7]), digits(&b[8..10]))
    else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    b[4] == b'-' && b[7] == b'-' && (1..=days).contains(&day)
}

/// RFC 3339 `date-time`: `full-date "T" partial-time time-offset` (`t`, `z` and a space allowed).
pub fn date_time(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() < 20 || !full_date(&b[..10]) || !matches!(b[10], b'T' | b't' | b' ') {
        return false;
    }
    let time = &b[11..];
    let (Some(hour), Some(minute), Some(second)) = (
        digits(&time[0..2]),
        digits(&time[3..5]),
        digits(&time[6..8]),
    ) else {
        return false;
    };
    if time[2] != b':' || time[5] != b':' || hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut rest = &time[8..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let count = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return false;
        }
        rest = &fraction[count..];
    }
    match rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            matches!((digits(&[*h1, *h2]), digits(&[*m1, *m2])), (Some(h), Some(m)) if h <= 23 && m <= 59)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        for good in [
            "https://example.com",
            "http://localhost:3000/cb",
            "https://user:pw@example.com:8443/a/b?x=1&y=%20#frag",
            "urn:ietf:rfc:3986",
            "mailto:someone@example.com",
            "https://[::1]:8080/",
            "https://api.example.org/v1",
        ] {
            assert!(uri(good), "{good}");
        }
        for bad in [
            "",
            "example.com",
            "://x",
            "1http://x",
            "http://exa mple.com",
            "http://x/%zz",
            "http://x:80a/",
            "http://x/%2",
        ] {
            assert!(!uri(bad), "{bad}");
        }
        assert!(uri_reference(""));
        assert!(uri_reference("/relative/path?q"));
    }

    #[test]
    fn other_formats() {
        assert!(email("a.b+c@example.co.uk"));
        assert!(!email("a..b@example.com"));
        assert!(!email("@example.com"));
        assert!(uuid("3fa85f64-5717-4562-b3fc-2c963f66afa6"));
        assert!(!uuid("3fa85f64-5717-4562-b3fc-2c963f66afaz"));
        assert!(date_time("0001-01-01T00:00:00Z"));
        assert!(date_time("2024-02-29T23:59:60.123+02:00"));
        assert!(!date_time("2023-02-29T00:00:00Z"));
        assert!(!date_time("2024-01-01T24:00:00Z"));
        assert!(!date_time("2024-01-01T00:00:00"));
        assert!(date("2024-12-31"));
        assert!(!date("2024-13-01"));
        assert!(hostname("a-b.example.com"));
        assert!(!hostname("-a.example.com"));
        assert!(check("ipv4", "10.0.0.1") && !check("ipv4", "10.0.0.256"));
        assert!(check("ipv6", "::1") && !check("ipv6", "::g"));
        assert!(check("unknown-format", "anything"));
    }
}
