//! Every text the app shows to people, in Danish, with English behind
//! `--lang en`. Screens never write a sentence themselves: they ask here,
//! so wording is consistent and a translation is one file.

use crate::domain::model::{InstitutionKind, InterventionType, Target};
use crate::domain::rules::Rule;

/// The language of the screen (`--lang`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Da,
    En,
}

use super::action::Action;
use super::app::{PopupKind, ScreenKind, Tab};
use super::keymap::Context;

/// Fixed texts. `get` gives the language's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    AppName,
    Fictitious,
    Background,
    Hypotheses,
    Institutions,
    Institution,
    Kind,
    Tilsyn,
    Places,
    Episodes,
    Episode,
    Rate,
    RateUnit,
    ReportDate,
    Total,
    Range,
    NoCases,
    NoEpisodeFiles,
    Cases,
    Report,
    Announced,
    Unannounced,
    Summary,
    Themes,
    DevelopmentPoints,
    AttentionPoints,
    YoungPeople,
    NoneListed,
    Child,
    Age,
    Start,
    End,
    Duration,
    Minutes,
    Type,
    LegalBasis,
    Registered,
    SentMunicipality,
    ParentsTold,
    ChildStatement,
    Witnesses,
    Staff,
    Injury,
    DecidedBy,
    Description,
    Findings,
    NoFindings,
    Yes,
    No,
    Later,
    Unknown,
    Filter,
    FilterAll,
    FilterAnyFinding,
    Month,
    Sort,
    Ascending,
    Descending,
    NoEpisodes,
    NoEpisodesMatch,
    Magtprofil,
    ByMonth,
    ByWeekday,
    ByHour,
    ByType,
    Compliance,
    Targets,
    TargetMet,
    TargetNotMet,
    NoTargets,
    Comparison,
    Holiday,
    NonHoliday,
    Counts,
    Rates,
    ProfileMissing,
    Children,
    MaxPerChild,
    ChildrenOverOneAMonth,
    Over3Min,
    UnknownDuration,
    IsolationOverLimit,
    LateRegistration,
    MissingChildStatement,
    ParentsNotTold,
    Witnessed,
    StaffTwoOrMore,
    MonthsWithout,
    ViewInstitution,
    ViewComparison,
    Problems,
    NoProblems,
    ProblemsIntro,
    Errors,
    Warnings,
    ErrorWord,
    WarningWord,
    NotReady,
    Finder,
    FinderHint,
    FinderNothing,
    FinderSearching,
    Help,
    HelpIntro,
    HelpGoTab,
    HelpTypeToSearch,
    Keys,
    Confirm,
    QuitUnsaved,
    YesNo,
    TooSmall,
    KeySpace,
    KindInstitution,
    KindEpisode,
    KindTheme,
    KindQuestion,
    KindHypothesis,
    KindTopic,
    KindReport,
    KindComment,
    KindDiscussion,
    KindConsensus,
    KindGuidance,
    Weekdays,
    Of,
    MoreBelow,
    MoreAbove,
    Undone,
    Redone,
    NothingToUndo,
    NothingToRedo,
    Discarded,
    AllScored,
    Comment,
    NotAssessableShort,
    NotAssessableKey,
    Unscored,
    NoForm,
    CaseWord,
    ThisCase,
    AllCases,
    QuestionShort,
    ScoreCol,
    /// A cell outside a round of the spread cells.
    NotInRound,
    Question,
    NoComment,
    NoCommentShort,
    Progress,
    AllRaters,
    TitleEmpty,
    ConsensusEmpty,
    HeadingEmpty,
    ActionEmpty,
    DissentIntro,
    ProjectorProgress,
    NotOpen,
    NotBlind,
    BlindBoard,
    AwaitReveal,
    RaterBadge,
    ScoreForRaterHint,
    RaterOnly,
    ProjectorSummary,
    ProjectorHint,
    ProjectorMean,
    DissentNoView,
    RevealHint,
    ProgressOfRaters,
    Panel,
    ReportShort,
    SpreadShort,
    MeanShort,
    SortedBySpread,
    AlphaOverall,
    OverallShort,
    HeatBySpread,
    HeatByMean,
    LegendSpread,
    LegendMean,
    NewTopic,
    EditTopic,
    TitleField,
    DescriptionField,
    NoPrioritised,
    NewConsensus,
    ConsensusField,
    ConsensusStart,
    Discussion,
    Rationale,
    HeadingField,
    RationaleField,
    GuidanceField,
    NewGuidance,
    ActionField,
    OwnerField,
    DueField,
    NewFollowUp,
    FollowUpItem,
    NoNotes,
    Dissented,
    Verdict,
    NoVerdict,
    NoRationale,
    AgreementAtVerdict,
    AgreementNow,
    NoAgreementYet,
}

impl Msg {
    pub fn get(self, lang: Lang) -> &'static str {
        let (da, en) = self.pair();
        match lang {
            Lang::Da => da,
            Lang::En => en,
        }
    }

    fn pair(self) -> (&'static str, &'static str) {
        use Msg::*;
        match self {
            AppName => ("auditpanel", "auditpanel"),
            Fictitious => (" FIKTIVT EKSEMPEL ", " FICTITIOUS EXAMPLE "),
            Background => ("Baggrund", "Background"),
            Hypotheses => ("Arbejdshypoteser", "Working hypotheses"),
            Institutions => ("Institutioner", "Institutions"),
            Institution => ("Institution", "Institution"),
            Kind => ("Type", "Kind"),
            Tilsyn => ("Tilsyn", "Supervisor"),
            Places => ("Pladser", "Places"),
            Episodes => ("Episoder", "Episodes"),
            Episode => ("Episode", "Episode"),
            Rate => ("Pr. plads/år", "Per place/yr"),
            RateUnit => ("episoder pr. plads pr. år", "episodes per place per year"),
            ReportDate => ("Rapport", "Report"),
            Total => ("I alt", "Total"),
            Range => ("Laveste–højeste", "Lowest–highest"),
            NoCases => (
                "Der er ingen sager. Læg en mappe pr. institution i cases/.",
                "There are no cases. Put one folder per institution in cases/.",
            ),
            NoEpisodeFiles => (
                "Auditten har ingen magtanvendelser: ingen sag har en fil med \
                 magtanvendelsesindberetninger, så der er ingen magtprofil.",
                "This audit has no uses of force: no case has a file of reports of \
                 force, so there is no magtprofil.",
            ),
            Cases => ("Sager", "Cases"),
            Report => ("Tilsynsrapport", "Supervision report"),
            Announced => ("anmeldt besøg", "announced visit"),
            Unannounced => ("uanmeldt besøg", "unannounced visit"),
            Summary => ("Sammenfatning", "Summary"),
            Themes => ("Kvalitetsmodellens temaer", "Quality model themes"),
            DevelopmentPoints => ("Udviklingspunkter", "Development points"),
            AttentionPoints => ("Opmærksomhedspunkter", "Points of attention"),
            YoungPeople => ("Unges udsagn", "What young people said"),
            NoneListed => ("(ingen)", "(none)"),
            Child => ("Barn", "Child"),
            Age => ("Alder", "Age"),
            Start => ("Start", "Start"),
            End => ("Slut", "End"),
            Duration => ("Varighed", "Duration"),
            Minutes => ("min", "min"),
            Type => ("Type", "Type"),
            LegalBasis => ("Hjemmel", "Legal basis"),
            Registered => ("Registreret", "Registered"),
            SentMunicipality => ("Sendt til kommunen", "Sent to municipality"),
            ParentsTold => ("Forældre orienteret", "Parents told"),
            ChildStatement => ("Barnets udtalelse", "Child's statement"),
            Witnesses => ("Vidner", "Witnesses"),
            Staff => ("Medarbejdere", "Staff"),
            Injury => ("Skader", "Injuries"),
            DecidedBy => ("Besluttet af", "Decided by"),
            Description => ("Beskrivelse", "Description"),
            Findings => ("Regelfund", "Rule findings"),
            NoFindings => ("Ingen regelfund.", "No rule findings."),
            Yes => ("ja", "yes"),
            No => ("nej", "no"),
            Later => ("følger senere", "to follow"),
            Unknown => ("–", "–"),
            Filter => ("Filter", "Filter"),
            FilterAll => ("alle", "all"),
            FilterAnyFinding => ("ethvert regelfund", "any rule finding"),
            Month => ("Måned", "Month"),
            Sort => ("Sortering", "Sorted by"),
            Ascending => ("stigende", "ascending"),
            Descending => ("faldende", "descending"),
            NoEpisodes => (
                "Institutionen har ingen episoder.",
                "The institution has no episodes.",
            ),
            NoEpisodesMatch => (
                "Ingen episoder passer til filteret. Tryk c for at fjerne det.",
                "No episodes match the filter. Press c to clear it.",
            ),
            Magtprofil => ("Magtprofil", "Use-of-force profile"),
            ByMonth => ("Pr. måned", "By month"),
            ByWeekday => ("Pr. ugedag", "By weekday"),
            ByHour => ("Pr. time", "By hour"),
            ByType => ("Pr. type", "By type"),
            Compliance => ("Regler og dokumentation", "Rules and records"),
            Targets => ("Institutionens egne mål", "The institution's own targets"),
            TargetMet => ("nået", "met"),
            TargetNotMet => ("ikke nået", "not met"),
            NoTargets => ("Ingen mål angivet.", "No targets given."),
            Comparison => ("Alle institutioner", "All institutions"),
            Holiday => ("Ferie", "Holiday"),
            NonHoliday => ("Uden for ferie", "Outside holidays"),
            Counts => ("antal", "counts"),
            Rates => ("forholdstal", "rates"),
            ProfileMissing => (
                "Magtprofilen er ikke beregnet for denne institution.",
                "The profile has not been computed for this institution.",
            ),
            Children => ("Børn", "Children"),
            MaxPerChild => ("Flest for ét barn", "Most for one child"),
            ChildrenOverOneAMonth => ("Børn med >1 på en måned", "Children >1 in a month"),
            Over3Min => ("Over 3 minutter", "Over 3 minutes"),
            UnknownDuration => ("Ukendt varighed", "Unknown duration"),
            IsolationOverLimit => ("Isolation over grænsen", "Isolation over the limit"),
            LateRegistration => ("Registreret for sent", "Registered late"),
            MissingChildStatement => ("Uden barnets udtalelse", "No child statement"),
            ParentsNotTold => ("Forældre ikke orienteret", "Parents not told"),
            Witnessed => ("Set af andre børn", "Seen by other children"),
            StaffTwoOrMore => ("Ansatte i 2+ episoder", "Staff in 2+ episodes"),
            MonthsWithout => ("Måneder uden episoder", "Months without episodes"),
            ViewInstitution => ("én institution", "one institution"),
            ViewComparison => ("sammenligning", "comparison"),
            Problems => ("Problemer i filerne", "Problems in the files"),
            NoProblems => (
                "Ingen problemer: alle filer kunne læses.",
                "No problems: every file could be read.",
            ),
            ProblemsIntro => (
                "Det samme som `auditpanel check`. Enter på en regel åbner episoden.",
                "The same as `auditpanel check`. Enter on a rule opens its episode.",
            ),
            Errors => ("fejl", "errors"),
            Warnings => ("advarsler", "warnings"),
            ErrorWord => ("fejl", "error"),
            WarningWord => ("advarsel", "warning"),
            NotReady => (
                "Denne fane er ikke klar endnu.",
                "This tab is not ready yet.",
            ),
            Finder => ("Find", "Find"),
            FinderHint => (
                "Søg i institutioner, episoder, temaer, spørgsmål, hypoteser og emner",
                "Search institutions, episodes, themes, questions, hypotheses and topics",
            ),
            FinderNothing => ("Intet fundet.", "Nothing found."),
            FinderSearching => ("søger …", "searching …"),
            Help => ("Hjælp", "Help"),
            HelpIntro => ("Taster her:", "Keys here:"),
            HelpGoTab => ("Gå til faneblad 1–6", "Go to tab 1–6"),
            HelpTypeToSearch => ("Skriv for at søge", "Type to search"),
            Keys => ("Taster", "Keys"),
            Confirm => ("Bekræft", "Confirm"),
            QuitUnsaved => (
                "Der er ændringer, som ikke er gemt. Vil du afslutte alligevel?",
                "There are unsaved changes. Quit anyway?",
            ),
            YesNo => (
                "j = ja, afslut   n = nej, bliv",
                "y = yes, quit   n = no, stay",
            ),
            TooSmall => ("Vinduet er for lille", "The window is too small"),
            KeySpace => ("Mellemrum", "Space"),
            KindInstitution => ("institution", "institution"),
            KindEpisode => ("episode", "episode"),
            KindTheme => ("tema", "theme"),
            KindQuestion => ("spørgsmål", "question"),
            KindHypothesis => ("hypotese", "hypothesis"),
            KindTopic => ("emne", "topic"),
            KindReport => ("rapport", "report"),
            KindComment => ("kommentar", "comment"),
            KindDiscussion => ("drøftelse", "discussion"),
            KindConsensus => ("enighed", "consensus"),
            KindGuidance => ("vejledning", "guidance"),
            Weekdays => ("ma ti on to fr lø sø", "Mo Tu We Th Fr Sa Su"),
            Of => ("af", "of"),
            MoreBelow => ("▼ mere tekst: PgDn", "▼ more text: PgDn"),
            MoreAbove => ("▲ tilbage til toppen: PgUp", "▲ back to the top: PgUp"),
            Undone => ("Fortrudt", "Undone"),
            Redone => ("Gentaget", "Redone"),
            NothingToUndo => ("Der er intet at fortryde.", "Nothing to undo."),
            NothingToRedo => ("Der er intet at gentage.", "Nothing to redo."),
            Discarded => (
                "Ændringerne i editoren er kasseret.",
                "The changes in the editor were discarded.",
            ),
            AllScored => (
                "Alle spørgsmål i alle sager har en værdi for dette tilsyn i denne runde.",
                "Every question of every case has a value for this supervisor in this round.",
            ),
            Comment => ("Kommentar", "Comment"),
            NotAssessableShort => ("÷ kan ikke vurderes", "÷ not assessable"),
            NotAssessableKey => ("0 ÷ kan ikke vurderes", "0 ÷ not assessable"),
            Unscored => ("·", "·"),
            NoForm => (
                "Auditten har intet vurderingsskema (form i hypotheses/*.yaml), ingen sager eller ingen tilsyn.",
                "The audit has no assessment form (form in hypotheses/*.yaml), no cases or no supervisors.",
            ),
            CaseWord => ("Sag", "Case"),
            ThisCase => ("sagen", "case"),
            AllCases => ("i alt", "all"),
            QuestionShort => ("Spm", "Q"),
            ScoreCol => ("Score", "Score"),
            NotInRound => ("– ikke i runden", "– not in round"),
            Question => ("Spørgsmål", "Question"),
            NoComment => (
                "Ingen kommentar endnu: c eller Enter skriver en.",
                "No comment yet: c or Enter writes one.",
            ),
            NoCommentShort => ("Ingen kommentar.", "No comment."),
            Progress => ("Fremdrift", "Progress"),
            AllRaters => ("Alle tilsyn i runden", "Every supervisor this round"),
            TitleEmpty => ("Emnet skal have en titel.", "The topic needs a title."),
            ConsensusEmpty => (
                "Enighedspunktet må ikke være tomt; slet det med d i stedet.",
                "The statement cannot be empty; delete it with d instead.",
            ),
            HeadingEmpty => (
                "Vejledningen skal have en overskrift.",
                "The guidance needs a heading.",
            ),
            ActionEmpty => (
                "Opfølgningspunktet skal have en handling.",
                "The follow-up item needs an action.",
            ),
            DissentIntro => (
                "afvigende synspunkt (tomt: enig)",
                "dissenting view (empty: agreed)",
            ),
            ProjectorProgress => (
                "Celler scoret af celler i runden (ingen scorer før runden afsløres)",
                "Cells scored of cells in the round (no scores before the reveal)",
            ),
            ProjectorSummary => (
                "Enighed (α), celler med spredning (◆), hvert tilsyns gennemsnit",
                "Agreement (α), cells with spread (◆), each supervisor's mean",
            ),
            ProjectorHint => (
                "P eller Esc: tilbage · q: afslut",
                "P or Esc: back · q: quit",
            ),
            ProjectorMean => ("gennemsnit", "mean"),
            NotOpen => ("ikke åben", "not open"),
            NotBlind => (
                "Runden er ikke blind: scorer indtastes på fælles skærm",
                "The round is not blind: scores are entered on the shared screen",
            ),
            BlindBoard => (
                "Tilsynene scorer blindt på egne maskiner (auditpanel MAPPE --rater ID). Her ses kun, hvor langt de er, aldrig deres scorer.",
                "The supervisors score blind on their own machines (auditpanel DIR --rater ID). Here you see only how far they are, never their scores.",
            ),
            AwaitReveal => (
                "Afventer at facilitator afslører runden. Indtil da ser du kun dine egne scorer.",
                "Waiting for the facilitator to reveal the round. Until then you see only your own scores.",
            ),
            RaterBadge => ("bedømmer", "rater"),
            ScoreForRaterHint => (
                "Et tilsyn, der siger sine scorer højt: tryk t og bekræft for at indtaste dem her (runden er så ikke blind).",
                "A supervisor calling out its scores: press t and confirm to enter them here (the round is then not blind).",
            ),
            RaterOnly => (
                "Det gør facilitator; her scorer du kun for dit eget tilsyn.",
                "The facilitator does that; here you score only for your own supervisor.",
            ),
            DissentNoView => (
                "(ikke enig; intet synspunkt noteret)",
                "(did not agree; no view noted)",
            ),
            RevealHint => (
                "Tryk V for at vise alle tilsyns scorer (du bliver spurgt først). N starter næste runde.",
                "Press V to show every supervisor's scores (you are asked first). N starts the next round.",
            ),
            ProgressOfRaters => (
                "Så langt er tilsynene (antal besvarede spørgsmål):",
                "How far the supervisors are (questions answered):",
            ),
            Panel => ("Panel", "Panel"),
            ReportShort => ("Rapport", "Report"),
            SpreadShort => ("Spr.", "Spr."),
            MeanShort => ("Middel", "Mean"),
            SortedBySpread => ("spredning først (s)", "spread first (s)"),
            AlphaOverall => ("α samlet:", "α overall:"),
            OverallShort => ("samlet", "overall"),
            HeatBySpread => ("varmekort efter spredning", "heat map by spread"),
            HeatByMean => ("varmekort efter middel", "heat map by mean"),
            LegendSpread => ("Spredning (højeste − laveste)", "Spread (highest − lowest)"),
            LegendMean => ("Panelets middel", "Panel mean"),
            NewTopic => ("Nyt emne", "New topic"),
            EditTopic => ("Ret emne", "Edit topic"),
            TitleField => ("Titel", "Title"),
            DescriptionField => ("Beskrivelse", "Description"),
            NoPrioritised => (
                "Ingen emner er prioriteret endnu: prioritér dem under Emner (p).",
                "No topic is prioritised yet: prioritise them under Topics (p).",
            ),
            NewConsensus => ("Nyt enighedspunkt", "New consensus statement"),
            ConsensusField => ("Enighedspunkt", "Consensus statement"),
            ConsensusStart => ("Der var enighed om, at ", "There was agreement that "),
            Discussion => ("Drøftelse", "Discussion"),
            Rationale => ("Begrundelse", "Rationale"),
            HeadingField => ("Overskrift", "Heading"),
            RationaleField => ("Begrundelse", "Rationale"),
            GuidanceField => ("Faglig vejledning", "Guidance"),
            NewGuidance => ("Ny faglig vejledning", "New guidance"),
            ActionField => ("Handling", "Action"),
            OwnerField => ("Ansvarlig", "Owner"),
            DueField => ("Frist (ÅÅÅÅ-MM-DD)", "Due (YYYY-MM-DD)"),
            NewFollowUp => ("Nyt punkt i opfølgningsplanen", "New follow-up item"),
            FollowUpItem => ("Opfølgningspunkt", "Follow-up item"),
            NoNotes => (
                "Ingen noter endnu: Enter skriver dem.",
                "No notes yet: Enter writes them.",
            ),
            Dissented => ("Ikke enige", "Did not agree"),
            Verdict => ("Vurdering", "Verdict"),
            NoVerdict => (
                "ikke vurderet endnu (v eller mellemrum)",
                "not judged yet (v or space)",
            ),
            NoRationale => (
                "Ingen begrundelse endnu: Enter skriver den.",
                "No rationale yet: Enter writes it.",
            ),
            AgreementAtVerdict => ("Enighed ved vurderingen", "Agreement at the verdict"),
            AgreementNow => ("Enighed nu", "Agreement now"),
            NoAgreementYet => (
                "Enighed: ingen viste scorer endnu.",
                "Agreement: no revealed scores yet.",
            ),
        }
    }
}

/// A tab's title.
pub fn tab(t: Tab, lang: Lang) -> &'static str {
    let (da, en) = match t {
        Tab::Oversigt => ("Oversigt", "Overview"),
        Tab::Sager => ("Sager", "Cases"),
        Tab::Magtprofil => ("Magtprofil", "Force profile"),
        Tab::Vurdering => ("Vurdering", "Scoring"),
        Tab::Sammenlign => ("Sammenlign", "Compare"),
        Tab::Konklusion => ("Konklusion", "Conclusion"),
    };
    pick(lang, da, en)
}

fn pick(lang: Lang, da: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Da => da,
        Lang::En => en,
    }
}

/// A screen's name in the breadcrumb.
pub fn screen(s: ScreenKind, lang: Lang) -> &'static str {
    match s {
        ScreenKind::Oversigt => tab(Tab::Oversigt, lang),
        ScreenKind::Sager => tab(Tab::Sager, lang),
        ScreenKind::Rapport => Msg::Report.get(lang),
        ScreenKind::Episoder => Msg::Episodes.get(lang),
        ScreenKind::Episode => Msg::Episode.get(lang),
        ScreenKind::Magtprofil => tab(Tab::Magtprofil, lang),
        ScreenKind::Vurdering => tab(Tab::Vurdering, lang),
        ScreenKind::Sammenlign => tab(Tab::Sammenlign, lang),
        ScreenKind::Konklusion => tab(Tab::Konklusion, lang),
        ScreenKind::Problemer => Msg::Problems.get(lang),
    }
}

/// A popup's title.
pub fn popup(p: PopupKind, lang: Lang) -> &'static str {
    match p {
        PopupKind::Finder => Msg::Finder.get(lang),
        PopupKind::Help => Msg::Help.get(lang),
        PopupKind::Confirm => Msg::Confirm.get(lang),
        PopupKind::Filter => pick(lang, "Filtrér episoder", "Filter episodes"),
        PopupKind::Editor => pick(lang, "Editor", "Editor"),
        PopupKind::Preview => pick(lang, "Rapporten", "The report"),
    }
}

/// The help's sentence for an action in a context.
pub fn action_help(a: Action, ctx: Context, lang: Lang) -> &'static str {
    use ScreenKind as S;
    let (da, en) = match (a, ctx) {
        (Action::Quit, _) => (
            "Afslut (spørger først, hvis noget ikke er gemt)",
            "Quit (asks first if anything is unsaved)",
        ),
        (Action::Interrupt, _) => ("Afslut straks (som q)", "Quit now (like q)"),
        (Action::NextTab, _) => ("Næste faneblad", "Next tab"),
        (Action::PrevTab, _) => ("Forrige faneblad", "Previous tab"),
        (Action::GoTab(_), _) => ("Gå til faneblad 1–6", "Go to tab 1–6"),
        (Action::ScopeSpread, _) => (
            "Ny runde: kun cellerne med spredning (◆) scores igen",
            "Next round: only the cells with spread (◆) are scored again",
        ),
        (Action::Projector, _) => (
            "Projektorvisning: store tal til lokalet (til/fra)",
            "Projector view: large figures for the room (on/off)",
        ),
        (Action::Reload, _) => (
            "Indlæs panelets filer igen fra disken",
            "Read the panel's files again from disk",
        ),
        (Action::Open, Context::Screen(S::Oversigt | S::Sager)) => (
            "Åbn institutionens tilsynsrapport",
            "Open the institution's report",
        ),
        (Action::Open, Context::Screen(S::Episoder)) => {
            ("Vis hele episoden", "Show the whole episode")
        }
        (Action::Open, Context::Screen(S::Sammenlign)) => (
            "Varmekort: vis cellen i tabellen; tabel: gå til scoren på Vurdering",
            "Heat map: show the cell in the table; table: go to the score on Scoring",
        ),
        (Action::Open, Context::Screen(S::Magtprofil)) => (
            "Én institution: vælg en søjle eller et tal og vis episoderne bag det; \
             sammenligningen: vis den valgte institution",
            "One institution: pick a bar or a count and show its episodes; \
             comparison: show the chosen institution",
        ),
        (Action::Open, _) => ("Gå til det valgte", "Go to the chosen item"),
        (Action::Back, Context::Popup(_)) => ("Luk", "Close"),
        (Action::Back, _) => ("Tilbage til forrige skærm", "Back to the previous screen"),
        (Action::OpenFinder, _) => (
            "Find institution, episode, tema, spørgsmål …",
            "Find institution, episode, theme, question …",
        ),
        (Action::OpenHelp, _) => ("Denne hjælp", "This help"),
        (Action::OpenProblems, _) => ("Vis problemer i filerne", "Show problems in the files"),
        (Action::Anonymise, _) => (
            "Anonymisér fundet: vis erstatningen og skriv den (facilitator)",
            "Anonymise the finding: show the replacement and write it (facilitator)",
        ),
        (Action::Undo, Context::Screen(S::Problemer)) => (
            "Fortryd den seneste anonymisering (filen som før)",
            "Undo the last anonymisation (the file as before)",
        ),
        (Action::ShowEpisodes, _) => (
            "Vis institutionens episoder",
            "Show the institution's episodes",
        ),
        (Action::ShowReport, _) => (
            "Vis institutionens tilsynsrapport",
            "Show the institution's report",
        ),
        (Action::ShowMagtprofil, _) => (
            "Vis institutionens magtprofil",
            "Show the institution's profile",
        ),
        (Action::SortNext, Context::Screen(S::Magtprofil)) => (
            "Sammenligningen: sortér efter næste tal",
            "Comparison: sort by the next figure",
        ),
        (Action::SortNext, _) => ("Sortér efter næste kolonne", "Sort by the next column"),
        (Action::SortReverse, _) => ("Vend sorteringen", "Reverse the order"),
        (Action::Filter, Context::Screen(S::Magtprofil)) => (
            "Vælg periode (fra–til måned); hele profilen regnes om",
            "Choose the period (from–to month); the whole profile is recomputed",
        ),
        (Action::ClearFilter, Context::Screen(S::Magtprofil)) => {
            ("Hele perioden igen", "The whole period again")
        }
        (Action::Filter, _) => (
            "Filtrér på type, barn, måned og regelfund",
            "Filter by type, child, month and rule finding",
        ),
        (Action::ClearFilter, Context::Popup(PopupKind::Finder)) => {
            ("Slet søgningen", "Clear the search")
        }
        (Action::ClearFilter, _) => ("Fjern alle filtre", "Clear all filters"),
        (Action::ToggleRate, _) => (
            "Skift mellem antal og forholdstal",
            "Switch between counts and rates",
        ),
        (Action::ToggleView, Context::Screen(S::Sammenlign)) => (
            "Skift mellem tabellen og varmekortet over alle sager",
            "Switch between the table and the heat map of all cases",
        ),
        (Action::ToggleView, _) => (
            "Skift mellem én institution, sammenligningen og tragtplottet",
            "Switch between one institution, the comparison and the funnel plot",
        ),
        (Action::Left, Context::Screen(S::Episode)) => ("Forrige episode", "Previous episode"),
        (Action::Right, Context::Screen(S::Episode)) => ("Næste episode", "Next episode"),
        (Action::Left, Context::Popup(PopupKind::Filter)) => ("Forrige værdi", "Previous value"),
        (Action::Right, Context::Popup(PopupKind::Filter)) => ("Næste værdi", "Next value"),
        (Action::Left, Context::Screen(S::Konklusion)) => ("Forrige afsnit", "Previous section"),
        (Action::Left, Context::Screen(S::Vurdering | S::Sammenlign)) => {
            ("Forrige sag", "Previous case")
        }
        (Action::Right, Context::Screen(S::Vurdering | S::Sammenlign)) => {
            ("Næste sag", "Next case")
        }
        (Action::Left, _) => ("Forrige institution", "Previous institution"),
        (Action::Right, Context::Screen(S::Konklusion)) => ("Næste afsnit", "Next section"),
        (Action::Right, _) => ("Næste institution", "Next institution"),
        (Action::Up, _) => ("Op", "Up"),
        (Action::Down, _) => ("Ned", "Down"),
        (Action::PageUp, Context::Screen(S::Oversigt)) => {
            ("Rul teksten øverst op", "Scroll the text above up")
        }
        (Action::PageDown, Context::Screen(S::Oversigt)) => {
            ("Rul teksten øverst ned", "Scroll the text above down")
        }
        (Action::PageUp, _) => ("En side op", "Page up"),
        (Action::PageDown, _) => ("En side ned", "Page down"),
        (Action::Home, _) => ("Til toppen", "To the top"),
        (Action::End, _) => ("Til bunden", "To the bottom"),
        (Action::Yes, _) => ("Ja", "Yes"),
        (Action::No, _) => ("Nej", "No"),
        (Action::Score(_), _) => (
            "Giv det valgte spørgsmål en score på skemaets skala (og gå videre)",
            "Score the selected question on the form's scale (and move on)",
        ),
        (Action::NotAssessable, _) => ("Kan ikke vurderes", "Not assessable"),
        (Action::ClearScore, _) => (
            "Slet scoren (kommentaren bliver)",
            "Clear the score (the comment stays)",
        ),
        (Action::Edit, Context::Screen(S::Vurdering)) => (
            "Skriv eller ret kommentaren til scoren",
            "Write or edit the score's comment",
        ),
        (Action::Edit, _) => ("Ret det valgte i editoren", "Edit the selected item"),
        (Action::NextUnscored, _) => (
            "Næste spørgsmål uden score (på tværs af sager)",
            "Next question without a score (across cases)",
        ),
        (Action::NextRater, Context::Screen(S::Sammenlign)) => {
            ("Næste tilsyns kolonne", "Next supervisor's column")
        }
        (Action::NextRater, _) => ("Næste tilsyn", "Next supervisor"),
        (Action::PrevRater, _) => ("Forrige tilsyn", "Previous supervisor"),
        (Action::Undo, _) => ("Fortryd den seneste ændring", "Undo the last change"),
        (Action::Redo, _) => ("Gentag det fortrudte", "Redo what was undone"),
        (Action::SortSpread, _) => (
            "Spørgsmål med spredning først / skemaets rækkefølge",
            "Questions with spread first / form order",
        ),
        (Action::ToggleHeat, _) => (
            "Varmekort efter spredning eller middel",
            "Heat map by spread or by mean",
        ),
        (Action::Reveal, _) => (
            "Vis alle tilsyns scorer i runden (eller skjul dem igen)",
            "Show every supervisor's scores of the round (or hide them again)",
        ),
        (Action::NextRound, _) => (
            "Start næste runde (efter drøftelsen)",
            "Start the next round (after the discussion)",
        ),
        (Action::Add, _) => (
            "Tilføj (emne, enighedspunkt, vejledning, opfølgning)",
            "Add (topic, statement, guidance, follow-up)",
        ),
        (Action::Delete, _) => (
            "Slet det valgte (spørger først)",
            "Delete the selected item (asks first)",
        ),
        (Action::VoteUp, _) => ("Emner: én stemme mere", "Topics: one more vote"),
        (Action::VoteDown, _) => ("Emner: én stemme mindre", "Topics: one vote less"),
        (Action::Toggle, Context::Popup(_)) => ("Vælg / fravælg", "Check / uncheck"),
        (Action::Toggle, _) => (
            "Emner: prioritér · Hypoteser: næste vurdering · Opfølgning: næste status",
            "Topics: prioritise · Hypotheses: next verdict · Follow-up: next status",
        ),
        (Action::TogglePrioritised, _) => (
            "Emner: prioritér / fjern prioritering",
            "Topics: prioritise / unprioritise",
        ),
        (Action::MoveUp, _) => ("Emner: flyt op", "Topics: move up"),
        (Action::MoveDown, _) => ("Emner: flyt ned", "Topics: move down"),
        (Action::CycleVerdict, _) => (
            "Hypoteser: bekræftet → delvist bekræftet → ikke bekræftet → ingen",
            "Hypotheses: confirmed → partly confirmed → not confirmed → none",
        ),
        (Action::CycleStatus, _) => (
            "Opfølgning: planlagt → i gang → gennemført → opgivet",
            "Follow-up: planned → in progress → done → dropped",
        ),
        (Action::EditDissent, _) => (
            "Drøftelse: hvilke tilsyn var ikke enige",
            "Discussion: which supervisors did not agree",
        ),
        (Action::Export, _) => (
            "Vis rapporten (markdown) og skriv den",
            "Preview the report (markdown) and write it",
        ),
        (Action::Save, Context::Popup(PopupKind::Preview)) => (
            "Skriv rapporten til rapport-<id>.md i auditmappen",
            "Write the report to rapport-<id>.md in the audit folder",
        ),
        (Action::Save, _) => ("Gem og luk", "Save and close"),
        (Action::Cancel, _) => ("Luk uden at gemme", "Close without saving"),
        (Action::NextField, _) => ("Næste felt", "Next field"),
        (Action::PrevField, _) => ("Forrige felt", "Previous field"),
    };
    pick(lang, da, en)
}

/// Who has not finished the current round and how many cells are open:
/// "Ikke færdige: Nord 17/88, Syd 0/88 (159 celler mangler)." or "Alle
/// tilsyn har scoret alle celler." (counts only, never a value).
pub fn unfinished(app: &crate::tui::app::App, lang: Lang) -> String {
    let mut open = 0;
    let mut names = Vec::new();
    for (i, t) in app.audit.config.tilsyn.iter().enumerate() {
        let p = app.stats.progress_total.get(i).copied().unwrap_or_default();
        if p.done() < p.total {
            open += p.total - p.done();
            names.push(format!(
                "{} {}/{}",
                crate::tui::screens::oversigt::short_tilsyn(&t.name),
                p.done(),
                p.total
            ));
        }
    }
    match (names.is_empty(), lang) {
        (true, Lang::Da) => "Alle tilsyn har scoret alle celler.".into(),
        (true, Lang::En) => "Every supervisor has scored every cell.".into(),
        (false, Lang::Da) => format!(
            "Ikke færdige: {} ({open} {} mangler).",
            names.join(", "),
            if open == 1 { "celle" } else { "celler" }
        ),
        (false, Lang::En) => format!(
            "Not finished: {} ({open} {} open).",
            names.join(", "),
            if open == 1 { "cell" } else { "cells" }
        ),
    }
}

/// The problem of a sync tool's conflict copy in `panel/`.
pub fn conflict_copy(lang: Lang) -> &'static str {
    pick(
        lang,
        "konfliktkopi fra en synkroniseringstjeneste (OneDrive, Dropbox, Syncthing): den læses ikke som data; sammenlign den med originalen, flyt det, der mangler, over i hånden, og slet kopien",
        "a sync tool's conflict copy (OneDrive, Dropbox, Syncthing): it is not read as data; compare it with the original, move what is missing by hand, and delete the copy",
    )
}

/// "2 nye problemer i panel/: se ! (intet er overskrevet)".
pub fn reload_problems(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "{n} {} i panel/ fra en anden skriver: se ! (intet er overskrevet)",
            if n == 1 {
                "nyt problem"
            } else {
                "nye problemer"
            }
        ),
        Lang::En => format!(
            "{n} new {} in panel/ from another writer: see ! (nothing was overwritten)",
            if n == 1 { "problem" } else { "problems" }
        ),
    }
}

/// "Genindlæst: 1 fil ændret af andre".
pub fn reloaded(files: usize, lang: Lang) -> String {
    match (lang, files) {
        (Lang::Da, 0) => "Genindlæst: intet nyt på disken".into(),
        (Lang::Da, 1) => "Genindlæst: 1 fil ændret af andre".into(),
        (Lang::Da, n) => format!("Genindlæst: {n} filer ændret af andre"),
        (Lang::En, 0) => "Reloaded: nothing new on disk".into(),
        (Lang::En, 1) => "Reloaded: 1 file changed by others".into(),
        (Lang::En, n) => format!("Reloaded: {n} files changed by others"),
    }
}

/// "scorer nu på nord-laptop".
pub fn scoring_on(host: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("scorer nu på {host}"),
        Lang::En => format!("scoring now on {host}"),
    }
}

/// The status bar's word for an action.
pub fn action_short(a: Action, ctx: Context, lang: Lang) -> &'static str {
    let (da, en) = match (a, ctx) {
        (Action::Quit, _) => ("afslut", "quit"),
        (Action::Open, Context::Popup(_)) => ("gå til", "go"),
        (Action::Open, _) => ("åbn", "open"),
        (Action::Back, Context::Popup(_)) => ("luk", "close"),
        (Action::Back, _) => ("tilbage", "back"),
        (Action::OpenFinder, _) => ("find", "find"),
        (Action::OpenHelp, _) => ("hjælp", "help"),
        (Action::Projector, _) => ("projektor", "projector"),
        (Action::ScopeSpread, _) => ("kun ◆", "only ◆"),
        (Action::Reload, _) => ("genindlæs", "reload"),
        (Action::ShowEpisodes, _) => ("episoder", "episodes"),
        (Action::ShowReport, _) => ("rapport", "report"),
        (Action::ShowMagtprofil, _) => ("magtprofil", "profile"),
        (Action::SortNext, _) => ("sortér", "sort"),
        (Action::Filter, Context::Screen(ScreenKind::Magtprofil)) => ("periode", "period"),
        (Action::Filter, _) => ("filtrér", "filter"),
        (Action::ClearFilter, _) => ("nulstil", "clear"),
        (Action::ToggleRate, _) => ("antal/forholdstal", "counts/rates"),
        (Action::ToggleView, Context::Screen(ScreenKind::Sammenlign)) => ("varmekort", "heat map"),
        (Action::ToggleView, _) => ("visning", "view"),
        (Action::Left, Context::Screen(ScreenKind::Episode)) => ("forrige/næste", "prev/next"),
        (Action::Left, Context::Popup(_)) => ("skift værdi", "change"),
        (Action::Left, Context::Screen(ScreenKind::Konklusion)) => ("afsnit", "section"),
        (Action::Left, Context::Screen(ScreenKind::Vurdering | ScreenKind::Sammenlign)) => {
            ("sag", "case")
        }
        (Action::Left, _) => ("institution", "institution"),
        (Action::Yes, _) => ("ja", "yes"),
        (Action::No, _) => ("nej", "no"),
        (Action::Score(_), _) => ("score", "score"),
        (Action::Edit, Context::Screen(ScreenKind::Vurdering)) => ("kommentar", "comment"),
        (Action::Edit, _) => ("ret", "edit"),
        (Action::NextUnscored, _) => ("næste uscorede", "next unscored"),
        (Action::NextRater, _) => ("tilsyn", "supervisor"),
        (Action::Anonymise, _) => ("anonymisér", "anonymise"),
        (Action::Undo, _) => ("fortryd", "undo"),
        (Action::SortSpread, _) => ("spredning først", "spread first"),
        (Action::Reveal, _) => ("vis/skjul", "reveal"),
        (Action::NextRound, _) => ("ny runde", "next round"),
        (Action::Add, _) => ("tilføj", "add"),
        (Action::Toggle, Context::Popup(_)) => ("vælg", "check"),
        (Action::Toggle, _) => ("skift", "toggle"),
        (Action::Export, _) => ("eksport", "export"),
        (Action::Save, Context::Popup(PopupKind::Preview)) => ("skriv filen", "write file"),
        (Action::Save, Context::Popup(PopupKind::Editor)) => ("gem og luk", "save"),
        (Action::Save, _) => ("gem", "save"),
        (Action::Cancel, _) => ("fortryd", "discard"),
        (Action::NextField, _) => ("næste felt", "next field"),
        (Action::PageDown, Context::Popup(_)) => ("side ned", "page down"),
        _ => ("", ""),
    };
    pick(lang, da, en)
}

pub fn intervention(t: InterventionType, lang: Lang) -> &'static str {
    match lang {
        Lang::Da => t.label_da(),
        Lang::En => match t {
            InterventionType::Afvaergehjaelp => "averting help",
            InterventionType::Fastholdelse => "holding",
            InterventionType::Foeren => "leading",
            InterventionType::Tilbagefoerelse => "return after absconding",
            InterventionType::Tilbageholdelse => "detention",
            InterventionType::Isolation => "isolation",
            InterventionType::Undersoegelse => "search",
            InterventionType::Noedvaerge => "self-defence",
        },
    }
}

pub fn institution_kind(k: InstitutionKind, lang: Lang) -> &'static str {
    let (da, en) = match k {
        InstitutionKind::Sikret => ("sikret", "secure"),
        InstitutionKind::SaerligtSikret => ("særligt sikret", "specially secure"),
        InstitutionKind::DelvisLukket => ("delvis lukket", "partly closed"),
        InstitutionKind::Aaben => ("åben", "open"),
    };
    pick(lang, da, en)
}

pub fn target(t: Target, lang: Lang) -> &'static str {
    let (da, en) = match t {
        Target::NoneOver3Min => ("Ingen episode over 3 minutter", "No episode over 3 minutes"),
        Target::NoFastholdelse => ("Ingen fastholdelser", "No holdings"),
        Target::NoChildOverOneAMonth => (
            "Intet barn med mere end én om måneden",
            "No child with more than one a month",
        ),
        Target::NoFoeren => ("Ingen føringer", "No leading"),
        Target::NoWitnessed => (
            "Ingen episoder set af andre børn",
            "No episode seen by other children",
        ),
        Target::OnlyNoedvaerge => ("Kun nødværge", "Only self-defence"),
    };
    pick(lang, da, en)
}

/// A rule finding's short name (the domain's message is the Danish sentence).
pub fn rule(r: Rule, lang: Lang) -> &'static str {
    let (da, en) = match r {
        Rule::EndBeforeStart => ("slut før start", "end before start"),
        Rule::DurationOver24h => ("over et døgn", "over one day"),
        Rule::TilbageholdelseOverLimit => (
            "tilbageholdelse over grænsen",
            "tilbageholdelse over the limit",
        ),
        Rule::TilbageholdelseEndUnknown => (
            "tilbageholdelse uden slut",
            "tilbageholdelse without an end",
        ),
        Rule::RegistrationMissing => ("registrering mangler", "registration missing"),
        Rule::LateRegistration => ("registreret for sent", "registered late"),
        Rule::MunicipalityLate => ("kommunen for sent", "municipality late"),
        Rule::IsolationNotAllowed => ("isolation ikke tilladt her", "isolation not allowed here"),
        Rule::IsolationOverLimit => ("isolation over grænsen", "isolation over the limit"),
        Rule::IsolationEndUnknown => ("isolation uden slut", "isolation without an end"),
        Rule::IsolationDecider => (
            "isolation ikke besluttet af leder",
            "isolation not decided by the leader",
        ),
        Rule::TilbageholdelseDecider => (
            "tilbageholdelse ikke besluttet af leder",
            "tilbageholdelse not decided by the leader",
        ),
        Rule::TypeNotAllowed => ("typen er ikke tilladt her", "type not allowed here"),
        Rule::LegalBasisUnreadable => ("hjemmel kan ikke læses", "legal basis unreadable"),
        Rule::LegalBasisMismatch => ("hjemmel passer ikke", "legal basis does not fit"),
        Rule::ChildStatement => ("ingen udtalelse fra barnet", "no child statement"),
        Rule::ChildStatementUnknown => ("udtalelse ukendt", "child statement unknown"),
        Rule::ParentsNotTold => ("forældre ikke orienteret", "parents not told"),
        Rule::ParentsToldLate => ("forældre orienteret sent", "parents told late"),
        Rule::ParentsToldUnknown => ("orientering ukendt", "parents told unknown"),
        Rule::SearchConduct => ("undersøgelse forkert udført", "search conduct"),
        Rule::SearchConductUnknown => ("undersøgelse uoplyst", "search details unknown"),
        Rule::AgeScope => ("alder uden for reglen", "age out of scope"),
        Rule::AgeUnknown => ("alder ukendt", "age unknown"),
        Rule::Tilbageholdelse30Days => (
            "over 30 dages tilbageholdelse i året",
            "over 30 days of tilbageholdelse a year",
        ),
    };
    pick(lang, da, en)
}

pub const ALL_RULES: [Rule; 25] = Rule::ALL;

/// "Vinduet er for lille (30×8). Gør det mindst 40×10."
pub fn too_small(w: u16, h: u16, min_w: u16, min_h: u16, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Vinduet er for lille ({w}×{h}). Gør det mindst {min_w}×{min_h}."),
        Lang::En => format!("The window is too small ({w}×{h}). Make it at least {min_w}×{min_h}."),
    }
}

/// "12 af 40 episoder" / "12 of 40 episodes".
pub fn shown_of(shown: usize, total: usize, lang: Lang) -> String {
    format!(
        "{} {} {} {}",
        super::widgets::thousands(shown as u64),
        Msg::Of.get(lang),
        super::widgets::thousands(total as u64),
        Msg::Episodes.get(lang).to_lowercase()
    )
}

/// "3 fejl, 1 advarsel" in the status bar.
pub fn problem_count(errors: usize, warnings: usize, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "{errors} fejl, {warnings} {}",
            if warnings == 1 {
                "advarsel"
            } else {
                "advarsler"
            }
        ),
        Lang::En => format!(
            "{errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        ),
    }
}

/// The audit's line in the tab bar.
pub fn audit_label(id: &str, title: &str, lang: Lang) -> String {
    match lang {
        Lang::Da | Lang::En => format!("Audit {id} · {title}"),
    }
}

/// Score "3/5" beside a bar.
pub fn score(score: u8, max: u8) -> String {
    format!("{score}/{max}")
}

pub fn yes_no(v: bool, lang: Lang) -> &'static str {
    if v {
        Msg::Yes.get(lang)
    } else {
        Msg::No.get(lang)
    }
}

/// Decimal number as the language writes it.
pub fn decimal(v: f64, digits: usize, lang: Lang) -> String {
    super::widgets::decimal(v, digits, lang == Lang::Da)
}

/// " (15 år)" after a child's id.
pub fn age(a: u8, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(" ({a} år)"),
        Lang::En => format!(" (age {a})"),
    }
}

/// Shown while the audit loads.
pub fn loading(dir: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Indlæser auditten i {dir} …"),
        Lang::En => format!("Loading the audit in {dir} …"),
    }
}

// ------------------------------------------------------------------ the panel's work

use super::popups::confirm::Ask;
use super::screens::konklusion::Section;
use crate::domain::agreement::{
    NoInterval, NoTest, RaterDifference, RaterDifferences, Reliability, Spread, Undefined,
};
use crate::domain::panel::{FollowUpStatus, ReadOnlyReason, Verdict};

/// Why a change was refused in read-only mode.
pub fn refused(reason: &ReadOnlyReason, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Skrivebeskyttet: {reason}"),
        Lang::En => format!("Read-only: {}", read_only_short(reason, lang)),
    }
}

/// The status bar's marker: "skrivebeskyttet: åben i et andet vindue".
pub fn read_only_marker(reason: &ReadOnlyReason, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("skrivebeskyttet: {}", read_only_short(reason, lang)),
        Lang::En => format!("read-only: {}", read_only_short(reason, lang)),
    }
}

fn read_only_short(reason: &ReadOnlyReason, lang: Lang) -> &'static str {
    let (da, en) = match reason {
        ReadOnlyReason::OpenElsewhere { .. } => ("åben i andet vindue", "open elsewhere"),
        ReadOnlyReason::Damaged => ("fejl i panel/ (se !)", "errors in panel/ (see !)"),
        ReadOnlyReason::Requested => ("--read-only", "--read-only"),
        ReadOnlyReason::Unwritable { .. } => {
            ("panel/ kan ikke skrives", "panel/ cannot be written")
        }
    };
    pick(lang, da, en)
}

pub fn revealed(round: u32, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Runde {round} er vist: alle kan se alle tilsyns scorer."),
        Lang::En => format!("Round {round} is revealed: everyone sees every supervisor's scores."),
    }
}

pub fn concealed(round: u32, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Runde {round} er skjult igen."),
        Lang::En => format!("Round {round} is hidden again."),
    }
}

pub fn round_started(round: u32, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Runde {round} er startet: den scores blindt på Vurdering."),
        Lang::En => format!("Round {round} has started: it is scored blind on Scoring."),
    }
}

/// "runde 1 (blind)" / "runde 1 (vist)".
pub fn round_state(round: u32, revealed: bool, lang: Lang) -> String {
    match (lang, revealed) {
        (Lang::Da, false) => format!("runde {round} (blind)"),
        (Lang::Da, true) => format!("runde {round} (vist)"),
        (Lang::En, false) => format!("round {round} (blind)"),
        (Lang::En, true) => format!("round {round} (revealed)"),
    }
}

/// "R1".
pub fn round_short(round: u32, lang: Lang) -> String {
    match lang {
        Lang::Da | Lang::En => format!("R{round}"),
    }
}

pub fn hidden(round: u32, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Scorerne i runde {round} er skjult (blind runde): hvert tilsyn ser kun sine egne på Vurdering, indtil de vises for alle."
        ),
        Lang::En => format!(
            "The scores of round {round} are hidden (blind round): each supervisor sees only its own on Scoring until they are revealed."
        ),
    }
}

pub fn hidden_short(round: u32, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("runde {round} er blind: V viser den"),
        Lang::En => format!("round {round} is blind: V reveals it"),
    }
}

pub fn reliability(r: Reliability, lang: Lang) -> &'static str {
    match lang {
        Lang::Da => r.label_da(),
        Lang::En => match r {
            Reliability::Reliable => "reliable",
            Reliability::Tentative => "tentative",
            Reliability::NotReliable => "not reliable",
            Reliability::TooFewData => "too little data",
        },
    }
}

pub fn undefined(u: Undefined, lang: Lang) -> &'static str {
    match lang {
        Lang::Da => u.reason_da(),
        Lang::En => match u {
            Undefined::NoValues => "no scores yet",
            Undefined::OneRater => "one rater only",
            Undefined::NoPairableUnits => "no unit scored by two raters",
            Undefined::NoVariation => "no variation",
            Undefined::NegativeRatio => "negative values",
        },
    }
}

/// "spredning i 3 af 22 scorede celler": counted over the cells (case ×
/// question) with scores from at least two tilsyn.
pub fn flagged_cells(n: usize, scored: usize, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("spredning i {n} af {scored} scorede celler"),
        Lang::En => format!("spread in {n} of {scored} scored cells"),
    }
}

/// "Spredning 2–5 (median 3,0, 5 scorer): 2 tilsyn mindst 2 trin fra
/// medianen ◆"; "ingen tilsyn …" for none, ◆ only when the row is marked.
pub fn spread_sentence(s: &Spread, lang: Lang) -> String {
    let median = decimal(s.median, 1, lang);
    let mark = if s.flagged { " ◆" } else { "" };
    match lang {
        Lang::Da => {
            let who = match s.far_from_median {
                0 => "ingen tilsyn".to_string(),
                n => format!("{n} tilsyn"),
            };
            format!(
                "Spredning {}–{} (median {median}, {} scorer): {who} mindst 2 trin fra medianen{mark}",
                s.min, s.max, s.count,
            )
        }
        Lang::En => {
            let who = match s.far_from_median {
                0 => "no supervisor".to_string(),
                1 => "1 supervisor".to_string(),
                n => format!("{n} supervisors"),
            };
            format!(
                "Spread {}–{} (median {median}, {} scores): {who} 2 or more steps from the median{mark}",
                s.min, s.max, s.count,
            )
        }
    }
}

/// Why an alpha has no interval: "for få data (8 parbare enheder, n = 40)"
/// (the counts worded by the domain, as in the CLI and the report).
pub fn no_interval(why: NoInterval, lang: Lang) -> String {
    match (why, lang) {
        (NoInterval::TooFewData { .. }, Lang::Da) => why.reason_da(),
        (NoInterval::TooFewData { units, values }, Lang::En) => {
            format!(
                "too little data ({})",
                NoInterval::counts(units, values, true)
            )
        }
        (NoInterval::Lopsided, Lang::Da) => "for få data (skæv bootstrap)".into(),
        (NoInterval::Lopsided, Lang::En) => "too little data (lopsided bootstrap)".into(),
        (NoInterval::Off, Lang::Da) => "intet interval".into(),
        (NoInterval::Off, Lang::En) => "no interval".into(),
    }
}

/// The Friedman headline: in Danish the domain's sentence (the report's
/// words), in English the same figures.
pub fn rater_differences(d: &RaterDifferences, lang: Lang) -> String {
    match lang {
        Lang::Da => crate::domain::agreement::rater_differences_headline_da(d),
        Lang::En => format!(
            "The differences between the supervisors are {}systematic: Friedman χ² = {}, df = {}, {}, W = {} (n = {} cells scored by all).",
            if d.systematic() { "" } else { "not " },
            decimal(d.statistic, 3, lang),
            d.df,
            p_value(d.p_value, lang),
            decimal(d.kendall_w, 3, lang),
            d.blocks
        ),
    }
}

/// "p = 0,031" / "p < 0,001".
pub fn p_value(p: f64, lang: Lang) -> String {
    match lang {
        Lang::Da => crate::domain::agreement::p_text_da(p),
        Lang::En if p < 0.0005 => "p < 0.001".into(),
        Lang::En => format!("p = {p:.3}"),
    }
}

/// One tilsyn harder or milder than the others (only when its interval
/// excludes 0).
pub fn rater_difference(r: &RaterDifference, name: &str, lang: Lang) -> Option<String> {
    match lang {
        Lang::Da => crate::domain::agreement::rater_difference_sentence_da(r, name),
        Lang::En => {
            let [lo, hi] = r.ci?;
            let word = match r.direction() {
                -1 => "harder",
                1 => "milder",
                _ => return None,
            };
            Some(format!(
                "{name} scores {word} than the others ({:+.2} steps; 95 % interval {lo:.2} to {hi:.2}).",
                r.mean_difference
            ))
        }
    }
}

/// Why there is no Friedman test.
pub fn no_test(why: NoTest, lang: Lang) -> String {
    match lang {
        Lang::Da => crate::domain::agreement::no_test_sentence_da(why),
        Lang::En => match why {
            NoTest::TooFewRaters(k) => format!("No Friedman test: too few supervisors ({k})."),
            NoTest::TooFewBlocks(n) => {
                format!("No Friedman test: too few cells scored by all supervisors (n = {n}).")
            }
            NoTest::AllTied(n) => {
                format!(
                    "No Friedman test: all supervisors gave the same score in every cell (n = {n})."
                )
            }
        },
    }
}

/// "forskelle ikke systematiske (p = 0,523)" for the overall line.
pub fn systematic_short(d: &RaterDifferences, lang: Lang) -> String {
    match (lang, d.systematic()) {
        (Lang::Da, true) => format!("systematiske forskelle ({})", p_value(d.p_value, lang)),
        (Lang::Da, false) => format!("forskelle ikke systematiske ({})", p_value(d.p_value, lang)),
        (Lang::En, true) => format!("systematic differences ({})", p_value(d.p_value, lang)),
        (Lang::En, false) => format!("differences not systematic ({})", p_value(d.p_value, lang)),
    }
}

/// "Friedman v1: χ² = 2,100, df = 4, p = 0,712, W = 0,066 (n = 8)".
pub fn friedman_short(scope: &str, test: Result<&RaterDifferences, NoTest>, lang: Lang) -> String {
    match test {
        Ok(d) => format!(
            "Friedman {scope}: χ² = {}, df = {}, {}, W = {} (n = {}){}",
            decimal(d.statistic, 3, lang),
            d.df,
            p_value(d.p_value, lang),
            decimal(d.kendall_w, 3, lang),
            d.blocks,
            match (lang, d.systematic()) {
                (Lang::Da, true) => " · systematisk",
                (Lang::En, true) => " · systematic",
                _ => "",
            }
        ),
        Err(why) => match lang {
            Lang::Da => format!("Friedman {scope}: {}", why.reason_da()),
            Lang::En => format!("Friedman {scope}: {}", no_test(why, lang)),
        },
    }
}

/// "uden Syd: 0,71".
pub fn without(name: &str, alpha: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("uden {name}: {alpha}"),
        Lang::En => format!("without {name}: {alpha}"),
    }
}

/// "Rapportens score på Sundhed og trivsel: 4 · panelets middel 3,4 (forskel +0,6)".
pub fn calibration(theme: &str, score: u8, mean: Option<f64>, lang: Lang) -> String {
    match (lang, mean) {
        (Lang::Da, Some(m)) => format!(
            "Tilsynsrapportens score på {theme}: {score} · panelets middel {} (forskel {})",
            decimal(m, 1, lang),
            signed(f64::from(score) - m, lang)
        ),
        (Lang::Da, None) => format!("Tilsynsrapportens score på {theme}: {score}"),
        (Lang::En, Some(m)) => format!(
            "The report's score on {theme}: {score} · panel mean {} (gap {})",
            decimal(m, 1, lang),
            signed(f64::from(score) - m, lang)
        ),
        (Lang::En, None) => format!("The report's score on {theme}: {score}"),
    }
}

pub fn section(s: Section, lang: Lang) -> &'static str {
    let (da, en) = match s {
        Section::Emner => ("Emner", "Topics"),
        Section::Droeftelse => ("Drøftelse", "Discussion"),
        Section::Hypoteser => ("Hypoteser", "Hypotheses"),
        Section::Vejledning => ("Vejledning", "Guidance"),
        Section::Opfoelgning => ("Opfølgning", "Follow-up"),
        Section::SidsteAar => ("Sidste år", "Last year"),
    };
    pick(lang, da, en)
}

pub fn section_hint(s: Section, lang: Lang) -> &'static str {
    let (da, en) = match s {
        Section::Emner => (
            "a nyt · e ret · d slet · +/- stemme · p prioritér · K/J flyt",
            "a add · e edit · d delete · +/- vote · p prioritise · K/J move",
        ),
        Section::Droeftelse => (
            "Enter noter/ret · a nyt enighedspunkt · t ikke enige · d slet",
            "Enter notes/edit · a new statement · t dissent · d delete",
        ),
        Section::Hypoteser => (
            "v vurdering (med enighedstal) · Enter begrundelse",
            "v verdict (with agreement) · Enter rationale",
        ),
        Section::Vejledning => ("a ny · e ret · d slet", "a add · e edit · d delete"),
        Section::Opfoelgning => (
            "a ny · e ret · d slet · s status",
            "a add · e edit · d delete · s status",
        ),
        Section::SidsteAar => (
            "sidste års opfølgningsplan (kun til læsning)",
            "last year's follow-up plan (read only)",
        ),
    };
    pick(lang, da, en)
}

pub fn section_empty(s: Section, lang: Lang) -> &'static str {
    let (da, en) = match s {
        Section::Emner => (
            "Ingen emner endnu. Tryk a for at tilføje et tværgående emne.",
            "No topics yet. Press a to add a cross-cutting topic.",
        ),
        Section::Droeftelse => (
            "Ingen emner er prioriteret endnu. Prioritér dem under Emner (p); de bliver til drøftelsens afsnit.",
            "No topic is prioritised yet. Prioritise them under Topics (p); they become the discussion's sections.",
        ),
        Section::Hypoteser => (
            "Auditten har ingen arbejdshypoteser.",
            "The audit has no working hypotheses.",
        ),
        Section::Vejledning => (
            "Ingen faglig vejledning endnu. Tryk a for at tilføje et punkt.",
            "No guidance yet. Press a to add an item.",
        ),
        Section::Opfoelgning => (
            "Ingen opfølgningsplan endnu. Tryk a for at tilføje et punkt.",
            "No follow-up plan yet. Press a to add an item.",
        ),
        Section::SidsteAar => (
            "Den tidligere audit kunne ikke læses eller har ingen opfølgningsplan (se !).",
            "The previous audit could not be read or has no follow-up plan (see !).",
        ),
    };
    pick(lang, da, en)
}

pub fn votes_word(n: u32, lang: Lang) -> &'static str {
    match (lang, n) {
        (Lang::Da, 1) => "stemme ",
        (Lang::Da, _) => "stemmer",
        (Lang::En, 1) => "vote ",
        (Lang::En, _) => "votes",
    }
}

pub fn verdict(v: Verdict, lang: Lang) -> &'static str {
    match lang {
        Lang::Da => v.label_da(),
        Lang::En => v.label_en(),
    }
}

pub fn status(s: FollowUpStatus, lang: Lang) -> &'static str {
    match lang {
        Lang::Da => s.label_da(),
        Lang::En => s.label_en(),
    }
}

/// "Fristen skal skrives ÅÅÅÅ-MM-DD, fx 2019-06-30 ('30/6' er ikke en dato)".
pub fn bad_date(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => {
            format!("Fristen skal skrives ÅÅÅÅ-MM-DD, fx 2019-06-30 ('{s}' er ikke en dato).")
        }
        Lang::En => {
            format!("Write the due date as YYYY-MM-DD, e.g. 2019-06-30 ('{s}' is not a date).")
        }
    }
}

pub fn written(path: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Rapporten er skrevet til {path}"),
        Lang::En => format!("The report was written to {path}"),
    }
}

/// The confirm popup's question and its keys.
/// The key a confirm dialog names for yes: `j` (ja) in Danish, `y` in
/// English; the status bar shows the same one (both keys work).
pub fn yes_key(lang: Lang) -> &'static str {
    pick(lang, "j", "y")
}

pub fn ask(a: &Ask, app: &super::app::App, lang: Lang) -> (String, String) {
    let yes_no = pick(lang, "j = ja   n = nej", "y = yes   n = no").to_string();
    let undo = pick(lang, " (u fortryder)", " (u undoes it)");
    match a {
        Ask::Anonymise(p) => super::screens::anonymise::question(p, app, lang),
        Ask::Quit => (
            Msg::QuitUnsaved.get(lang).to_string(),
            Msg::YesNo.get(lang).to_string(),
        ),
        Ask::QuitWithEditor(_) => (
            pick(
                lang,
                "Editoren har tekst, der ikke er gemt.",
                "The editor holds text that is not saved.",
            )
            .to_string(),
            pick(
                lang,
                "j = gem og afslut   n = tilbage til editoren",
                "y = save and quit   n = back to the editor",
            )
            .to_string(),
        ),
        Ask::OpenReadOnly => {
            let who = match app.panel.mode() {
                crate::domain::panel::OpenMode::ReadOnly {
                    reason:
                        ReadOnlyReason::OpenElsewhere {
                            pid, host, since, ..
                        },
                } => format!("{pid} · {host} · {since}"),
                _ => String::new(),
            };
            match lang {
                Lang::Da => (
                    format!(
                        "Auditten er åben i et andet vindue (proces {who}). Her kan du se alt, men ikke ændre noget. Åbne skrivebeskyttet?"
                    ),
                    "j = ja, skrivebeskyttet   n = nej, afslut".into(),
                ),
                Lang::En => (
                    format!(
                        "The audit is open in another window (process {who}). Here you can see everything but change nothing. Open read-only?"
                    ),
                    "y = yes, read-only   n = no, quit".into(),
                ),
            }
        }
        Ask::Reveal(r) => (
            match lang {
                Lang::Da => format!(
                    "{} Vis alle tilsyns scorer i runde {r} for alle?",
                    unfinished(app, lang)
                ),
                Lang::En => format!(
                    "{} Show every supervisor's scores of round {r} to everyone?",
                    unfinished(app, lang)
                ),
            },
            yes_no,
        ),
        Ask::ShareScreen(round) => (
            match lang {
                Lang::Da => format!(
                    "Indtaste scorer for tilsynene her på fælles skærm i runde {round}? Alle i lokalet kan så se dem: runden er ikke blind."
                ),
                Lang::En => format!(
                    "Enter the supervisors' scores here on the shared screen in round {round}? Everyone in the room can then see them: the round is not blind."
                ),
            },
            yes_no,
        ),
        Ask::ChangeRevealed { round, .. } => (
            match lang {
                Lang::Da => format!(
                    "Runden er afsløret; ændringen registreres i scorefilen (hvem, hvornår, gammel og ny værdi), så rapporten kan nævne den. Ændre scoren i runde {round}?"
                ),
                Lang::En => format!(
                    "The round is revealed; the change is recorded in the score file (who, when, old and new value), so the report can mention it. Change the score in round {round}?"
                ),
            },
            yes_no,
        ),
        Ask::Conceal(r) => (
            match lang {
                Lang::Da => format!("Skjul scorerne i runde {r} igen (blind runde)?"),
                Lang::En => format!("Hide the scores of round {r} again (blind round)?"),
            },
            yes_no,
        ),
        Ask::NextRound => {
            let r = app.panel.current_round();
            (
                match lang {
                    Lang::Da => format!(
                        "{} Start runde {}? Runde {r} lukkes: dens scorer gemmes og kan ikke længere ændres{undo}. Runde {} scores blindt på Vurdering.",
                        unfinished(app, lang),
                        r + 1,
                        r + 1
                    ),
                    Lang::En => format!(
                        "{} Start round {}? Round {r} is closed: its scores are kept and can no longer be changed{undo}. Round {} is scored blind on Scoring.",
                        unfinished(app, lang),
                        r + 1,
                        r + 1
                    ),
                },
                pick(
                    lang,
                    "j = alle celler   s = kun celler med spredning ◆   n = nej",
                    "y = all cells   s = only cells with spread ◆   n = no",
                )
                .to_string(),
            )
        }
        Ask::DeleteTopic(id) => {
            let title = app
                .panel
                .topic(id)
                .map_or(id.as_str(), |t| t.title.as_str());
            (
                match lang {
                    Lang::Da => {
                        format!("Slet emnet '{title}' med dets drøftelse og enighedspunkter?{undo}")
                    }
                    Lang::En => format!(
                        "Delete the topic '{title}' with its discussion and statements?{undo}"
                    ),
                },
                yes_no,
            )
        }
        Ask::DeleteConsensus { topic, index } => {
            let title = app
                .panel
                .topic(topic)
                .map_or(topic.as_str(), |t| t.title.as_str());
            (
                match lang {
                    Lang::Da => format!("Slet enighedspunkt {} under '{title}'?{undo}", index + 1),
                    Lang::En => format!("Delete statement {} under '{title}'?{undo}", index + 1),
                },
                yes_no,
            )
        }
        Ask::DeleteGuidance(i) => (
            match lang {
                Lang::Da => format!("Slet faglig vejledning nr. {}?{undo}", i + 1),
                Lang::En => format!("Delete guidance item {}?{undo}", i + 1),
            },
            yes_no,
        ),
        Ask::DeleteFollowUp(i) => (
            match lang {
                Lang::Da => format!("Slet opfølgningspunkt nr. {}?{undo}", i + 1),
                Lang::En => format!("Delete follow-up item {}?{undo}", i + 1),
            },
            yes_no,
        ),
    }
}

/// A difference with its sign, one decimal: "+0,6", "−0,4", "±0,0".
pub fn signed(v: f64, lang: Lang) -> String {
    let s = decimal(v.abs(), 1, lang);
    if v >= 0.05 {
        format!("+{s}")
    } else if v <= -0.05 {
        format!("−{s}")
    } else {
        format!("±{s}")
    }
}

/// The keys under the Vurdering list, with the form's scale.
pub fn score_keys(min: u8, max: u8, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "{min}–{max} score · 0 kan ikke vurderes · x slet · c kommentar · n næste uscorede"
        ),
        Lang::En => {
            format!("{min}–{max} score · 0 not assessable · x clear · c comment · n next unscored")
        }
    }
}
