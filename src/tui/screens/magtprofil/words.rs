//! The Magtprofil screen's own texts (Danish, English behind `--lang en`),
//! beside `tui::text` so this screen's wording is in one place.

use crate::tui::text::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    Magtprofil,
    Month,
    Hour,
    Funnel,
    ControlChart,
    Centre,
    Limits,
    Signals,
    NoSignals,
    Period,
    PeriodFrom,
    PeriodTo,
    PeriodHelp,
    PeriodOrder,
    WholePeriod,
    SortedBy,
    Episodes,
    PerPlace,
    PerPlaceShort,
    ColumnsHidden,
    PerBedDays,
    Trend,
    IsolationShort,
    LateShort,
    TargetsShort,
    FunnelShort,
    HolidayShort,
    Tilsyn,
    Institution,
    Pooled,
    Exposure,
    Expected,
    FunnelHelp,
    NoFunnel,
    NoChart,
    MoreBelow,
    MoreAbove,
    PickHelp,
    BedDayRate,
    TrendLabel,
    FunnelPosition,
    Within,
    Above,
    Below,
    FellToZero,
}

impl W {
    pub fn get(self, lang: Lang) -> &'static str {
        let (da, en) = match self {
            W::Magtprofil => ("magtprofil", "profile"),
            W::Month => ("måned", "month"),
            W::Hour => ("kl.", "hour"),
            W::Funnel => ("Tragtplot", "Funnel plot"),
            W::ControlChart => ("Kontrolkort pr. måned", "Control chart by month"),
            W::Centre => ("midt", "centre"),
            W::Limits => ("grænser", "limits"),
            W::Signals => ("signaler", "signals"),
            W::NoSignals => ("ingen signaler", "no signals"),
            W::Period => ("Periode", "Period"),
            W::PeriodFrom => ("Fra måned", "From month"),
            W::PeriodTo => ("Til måned", "To month"),
            W::PeriodHelp => (
                "←/→ måned · ↑/↓ fra/til · Enter brug · c hele perioden · Esc luk",
                "←/→ month · ↑/↓ from/to · Enter apply · c whole period · Esc close",
            ),
            W::PeriodOrder => (
                "Fra-måneden skal ligge før til-måneden",
                "The from month must come before the to month",
            ),
            W::WholePeriod => ("hele perioden", "whole period"),
            W::SortedBy => ("sorteret efter", "sorted by"),
            W::Episodes => ("Episoder", "Episodes"),
            W::PerPlace => ("Pr. plads", "Per place"),
            W::PerBedDays => ("1000 sd", "1000 bd"),
            W::PerPlaceShort => ("Pr.plads", "Per place"),
            W::ColumnsHidden => ("flere kolonner: s", "more columns: s"),
            W::Trend => ("Udvikl.", "Trend"),
            W::IsolationShort => ("Isol.>", "Isol.>"),
            W::LateShort => ("Sen", "Late"),
            W::TargetsShort => ("Mål ✗", "Targ ✗"),
            W::FunnelShort => ("Tragt", "Funnel"),
            W::HolidayShort => ("Ferie", "Holiday"),
            W::Tilsyn => ("Tilsyn", "Supervisor"),
            W::Institution => ("Institution", "Institution"),
            W::Pooled => ("samlet", "pooled"),
            W::Exposure => ("pladsår", "place-years"),
            W::Expected => ("forventet", "expected"),
            W::FunnelHelp => (
                "prikket: 95 % · fuld: 99,8 % · uden for: et spørgsmål til tilsynet, ikke en dom",
                "dotted: 95 % · solid: 99.8 % · outside: a question for the tilsyn, not a verdict",
            ),
            W::NoFunnel => (
                "Ingen institution med pladser: intet tragtplot",
                "No institution with places: no funnel plot",
            ),
            W::NoChart => (
                "Uden pladser intet kontrolkort",
                "No places: no control chart",
            ),
            W::MoreBelow => ("flere nedenfor ↓", "more below ↓"),
            W::MoreAbove => ("↑", "↑"),
            W::PickHelp => (
                "←/→ søjle · ↑/↓ diagram · Enter episoderne · Esc færdig",
                "←/→ bar · ↑/↓ chart · Enter episodes · Esc done",
            ),
            W::BedDayRate => ("Pr. 1.000 sengedage", "Per 1,000 bed days"),
            W::TrendLabel => ("Udvikling", "Trend"),
            W::FunnelPosition => ("Tragtplot", "Funnel"),
            W::Within => ("inden for", "within"),
            W::Above => ("over", "above"),
            W::Below => ("under", "below"),
            W::FellToZero => ("faldet til 0", "fell to 0"),
        };
        match lang {
            Lang::Da => da,
            Lang::En => en,
        }
    }
}

/// A weekday's name, Monday = 0.
pub fn weekday(i: usize, lang: Lang) -> &'static str {
    const DA: [&str; 7] = [
        "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
    ];
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let names = match lang {
        Lang::Da => DA,
        Lang::En => EN,
    };
    names.get(i).copied().unwrap_or("")
}
