//! The clock and the random number generator.

use chrono::{DateTime, Utc};

/// Now, from the browser's clock.
pub fn now() -> DateTime<Utc> {
    let millis = js_sys::Date::now() as i64;
    DateTime::from_timestamp_millis(millis).unwrap_or_default()
}

/// Fills `bytes` from the browser's cryptographic random number generator.
pub fn random_bytes(bytes: &mut [u8]) -> Result<(), String> {
    let crypto = web_sys::window()
        .ok_or("no window")?
        .crypto()
        .map_err(|e| format!("{e:?}"))?;
    crypto
        .get_random_values_with_u8_array(bytes)
        .map(|_| ())
        .map_err(|e| format!("{e:?}"))
}

/// A fresh random id for a draft: 16 random bytes in hex.
pub fn random_id() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    random_bytes(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
