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

/// 16 bytes for an id: from the cryptographic generator, or, should the browser refuse it,
/// from the clock and `Math.random` (unique enough for a draft id, never used for keys).
pub fn id_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    if random_bytes(&mut bytes).is_err() {
        let time = (js_sys::Date::now() as u64).to_le_bytes();
        let noise = ((js_sys::Math::random() * 2f64.powi(53)) as u64).to_le_bytes();
        bytes[..8].copy_from_slice(&time);
        bytes[8..].copy_from_slice(&noise);
    }
    bytes
}
