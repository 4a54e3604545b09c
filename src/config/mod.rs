//! Effective settings: flags > env > profile > defaults; .properties files.
