//! The lab: one lesson's server and client in a private network of the
//! lab's own making, with every packet between them drawn between their
//! lines (`cargo run -p lab -- LESSON`), and the pieces the tour shares.
//!
//! - [`layout`] and [`wrap`]: two columns (server left, client right) or
//!   one, wrapped and coloured; the tour lays its lines out with them too.
//! - [`network`]: the private network (user, network and PID namespaces; a
//!   second host on a veth pair; nftables rules) and what to do where it
//!   cannot be made.
//! - [`run`]: one lesson's run in it, with the capture of its packets.
//! - [`draw`]: the packets as a learner reads them, in order with the lines,
//!   at the end or (on a terminal) while the run goes on.

pub mod draw;
pub mod layout;
pub mod network;
pub mod run;
pub mod wrap;

/// What the lab says, in English and Chinese (`locales/`).
pub static TEXTS: shared::lang::Texts = shared::texts!("locales");

#[cfg(test)]
mod tests {
    /// The message ids of a Fluent file.
    fn ids(file: &str) -> Vec<&str> {
        let mut ids: Vec<&str> = file
            .lines()
            .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|line| line.split_once(" =").map(|(id, _)| id))
            .collect();
        ids.sort();
        ids
    }

    #[test]
    fn every_message_is_in_both_languages() {
        let english = include_str!("../locales/en.ftl");
        let chinese = include_str!("../locales/zh.ftl");
        assert_eq!(ids(english), ids(chinese));
        assert!(ids(english).len() > 40);
        for id in ids(english) {
            for lang in [shared::lang::Lang::En, shared::lang::Lang::Zh] {
                assert!(
                    super::TEXTS.get(lang, id, &[]).is_some() || id.starts_with("lab-"),
                    "{id} in {lang:?}"
                );
            }
        }
    }
}
