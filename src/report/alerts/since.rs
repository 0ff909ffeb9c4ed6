//! The look-back date: what happened after it is new.

use crate::book::alerts_state::State;
use chrono::{Days, NaiveDate};

/// Where the look-back date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinceFrom {
    /// `--since`.
    Flag,
    /// The last run recorded in `alerts.state`.
    LastRun,
    /// A run recorded on the same day: the same look-back again.
    SameDay,
    /// `since_days` before the as-of date: no usable run recorded.
    Default,
}

/// The look-back date: `--since`, else the last recorded run (before the as-of date; on the same
/// day, that run's own look-back), else `since_days` before the as-of date.
pub fn resolve_since(
    as_of: NaiveDate,
    flag: Option<NaiveDate>,
    state: Option<State>,
    since_days: u32,
) -> (NaiveDate, SinceFrom) {
    if let Some(since) = flag {
        return (since, SinceFrom::Flag);
    }
    match state {
        Some(state) if state.last_run < as_of => (state.last_run, SinceFrom::LastRun),
        Some(state) if state.last_run == as_of && state.since < as_of => {
            (state.since, SinceFrom::SameDay)
        }
        _ => (
            as_of
                .checked_sub_days(Days::new(since_days.into()))
                .unwrap_or(NaiveDate::MIN),
            SinceFrom::Default,
        ),
    }
}

/// True when a run as of `as_of` is recorded: never one dated before the recorded run.
pub fn records(as_of: NaiveDate, state: Option<State>) -> bool {
    state.is_none_or(|state| as_of >= state.last_run)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn since_from_flag_state_same_day_or_default() {
        let as_of = date("2026-11-25");
        let state = |last: &str, since: &str| {
            Some(State {
                last_run: date(last),
                since: date(since),
            })
        };
        assert_eq!(
            resolve_since(
                as_of,
                Some(date("2026-11-01")),
                state("2026-11-20", "2026-11-13"),
                7
            ),
            (date("2026-11-01"), SinceFrom::Flag)
        );
        assert_eq!(
            resolve_since(as_of, None, state("2026-11-20", "2026-11-13"), 7),
            (date("2026-11-20"), SinceFrom::LastRun)
        );
        assert_eq!(
            resolve_since(as_of, None, state("2026-11-25", "2026-11-20"), 7),
            (date("2026-11-20"), SinceFrom::SameDay)
        );
        assert_eq!(
            resolve_since(as_of, None, state("2026-12-01", "2026-11-25"), 7),
            (date("2026-11-18"), SinceFrom::Default)
        );
        assert_eq!(
            resolve_since(as_of, None, None, 30),
            (date("2026-10-26"), SinceFrom::Default)
        );
        assert!(records(as_of, None));
        assert!(records(as_of, state("2026-11-25", "2026-11-20")));
        assert!(!records(as_of, state("2026-11-26", "2026-11-25")));
    }
}
