//! Checks on input that name the field at fault (`BAD_USER_INPUT` with
//! `extensions.field`); values come back trimmed and typed.

use crate::error::{AppError, AppResult};

/// Required text: trimmed, not empty, at most `max` characters.
pub fn text(field: &str, value: &str, max: usize) -> AppResult<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(AppError::invalid(field, "must not be empty"));
    }
    let n = value.chars().count();
    if n > max {
        return Err(AppError::invalid(
            field,
            format!("is {n} characters long; at most {max} are allowed"),
        ));
    }
    Ok(value.to_owned())
}

/// Optional text: trimmed; empty means none.
pub fn opt_text(field: &str, value: Option<String>, max: usize) -> AppResult<Option<String>> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => text(field, v, max).map(Some),
    }
}

/// A stable code: lower-case letters and digits in dash-separated words.
pub fn code(field: &str, value: &str) -> AppResult<String> {
    let value = value.trim();
    let ok = !value.is_empty()
        && value.len() <= 64
        && value.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    if !ok {
        return Err(AppError::invalid(
            field,
            format!(
                "`{value}` is not a code: use lower-case letters and digits in dash-separated words, such as `igf-2025`"
            ),
        ));
    }
    Ok(value.to_owned())
}

/// An integer within `lo..=hi`.
pub fn range(field: &str, value: i32, lo: i32, hi: i32) -> AppResult<i32> {
    if (lo..=hi).contains(&value) {
        Ok(value)
    } else {
        Err(AppError::invalid(
            field,
            format!("must be between {lo} and {hi}, got {value}"),
        ))
    }
}

/// An email address, lower-cased.
pub fn email(field: &str, value: &str) -> AppResult<String> {
    let value = value.trim().to_lowercase();
    let ok = value.len() <= 254
        && !value.contains(char::is_whitespace)
        && value.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.contains('@')
        });
    if !ok {
        return Err(AppError::invalid(
            field,
            format!("`{value}` is not an email address"),
        ));
    }
    Ok(value)
}

/// A URL for people to follow: http or https.
pub fn opt_url(field: &str, value: Option<String>) -> AppResult<Option<String>> {
    let Some(url) = opt_text(field, value, 2000)? else {
        return Ok(None);
    };
    if !(url.starts_with("https://") || url.starts_with("http://"))
        || url.contains(char::is_whitespace)
    {
        return Err(AppError::invalid(field, "must be an http or https URL"));
    }
    Ok(Some(url))
}

/// Session durations: a minute to a day.
pub const DURATION_MINUTES: (i32, i32) = (1, 1440);
/// Years an IGF-related event can have.
pub const YEARS: (i32, i32) = (2000, 2100);
pub const SHORT: usize = 200;
pub const LONG: usize = 20_000;
