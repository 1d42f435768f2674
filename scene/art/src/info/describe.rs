//! Label texts: two or three sentences per work, in four languages, from templates per
//! style and kind filled with the work's colours, material, maker and seed (the Chinese
//! templates are in `describe_zh`).

use super::super::paint::Style;
use super::super::sculpt::SculptureKind;
use super::describe_zh as zh;
use super::people::Attribution;
use super::words::{Phrase, capital, de};

/// What a painting's first sentence says, with its two key colours.
fn painting_subject(style: Style, a: &Phrase, b: &Phrase) -> Phrase {
    let (fa, fb) = (de(&a.fr), de(&b.fr));
    let (ea, eb, ga, gb) = (&a.en, &b.en, &a.de, &b.de);
    let zh = zh::painting_subject(style, &a.zh, &b.zh);
    let t = |en: String, fr: String, de: String| Phrase::new(en, fr, de, zh);
    match style {
        Style::ColourField => t(
            format!(
                "Soft-edged fields of {ea} and {eb} hover on a darker ground, their edges feathered so that the colour seems to breathe."
            ),
            format!(
                "Des champs aux bords estompés, {fa} et {fb}, flottent sur un fond plus sombre ; leurs contours adoucis font respirer la couleur."
            ),
            format!(
                "Weichkantige Farbfelder in {ga} und {gb} schweben über einem dunkleren Grund; ihre verwischten Ränder lassen die Farbe atmen."
            ),
        ),
        Style::Grid => t(
            format!(
                "Black lines divide an off-white field into rectangles, a few of them filled with {ea} and {eb}; the balance is asymmetric but exact."
            ),
            format!(
                "Des lignes noires divisent un champ blanc cassé en rectangles, dont quelques-uns sont remplis {fa} et {fb} ; l'équilibre est asymétrique mais exact."
            ),
            format!(
                "Schwarze Linien teilen ein gebrochenes Weiß in Rechtecke, einige davon gefüllt mit {ga} und {gb}; das Gleichgewicht ist asymmetrisch, aber genau."
            ),
        ),
        Style::Circles => t(
            format!(
                "A grid of squares, each holding concentric rings of contrasting colour, led by {ea} and {eb}: a study of how colours change one another."
            ),
            format!(
                "Une grille de carrés, chacun portant des anneaux concentriques de couleurs contrastées, dans des tons {fa} et {fb} : une étude de la manière dont les couleurs se transforment l'une l'autre."
            ),
            format!(
                "Ein Raster von Quadraten mit konzentrischen Ringen in kontrastierenden Farben, angeführt von {ga} und {gb}: eine Studie darüber, wie Farben einander verändern."
            ),
        ),
        Style::Landscape => t(
            format!(
                "Ranges of hills recede towards a horizon of {ea}, each paler than the one before as distance fills with air, under a sky with sun and cloud."
            ),
            format!(
                "Des chaînes de collines s'éloignent vers un horizon aux tons {fa}, chacune plus pâle que la précédente à mesure que l'air s'interpose, sous un ciel de soleil et de nuages."
            ),
            format!(
                "Hügelketten weichen zu einem Horizont in {ga} zurück, jede blasser als die vorige, je mehr Luft sich dazwischenschiebt, unter einem Himmel mit Sonne und Wolken."
            ),
        ),
        Style::Seascape => t(
            format!(
                "A low sun lights a sky of {ea} over a sea of short horizontal strokes in {eb}, broken by a path of reflected light."
            ),
            format!(
                "Un soleil bas éclaire un ciel aux tons {fa} au-dessus d'une mer de courtes touches horizontales aux tons {fb}, traversée par un chemin de lumière."
            ),
            format!(
                "Eine tief stehende Sonne erhellt einen Himmel in {ga} über einem Meer aus kurzen waagerechten Strichen in {gb}, durchbrochen von einem Lichtpfad."
            ),
        ),
        Style::StillLife => t(
            format!(
                "Fruit, a bowl and a tall vessel stand on a table before a dark wall of {ea}, lit from the upper left, with touches of {eb}."
            ),
            format!(
                "Des fruits, un bol et un haut récipient sont posés sur une table devant un mur sombre aux tons {fa}, éclairés depuis le haut à gauche, avec des touches {fb}."
            ),
            format!(
                "Früchte, eine Schale und ein hohes Gefäß stehen auf einem Tisch vor einer dunklen Wand in {ga}, von links oben beleuchtet, mit Akzenten in {gb}."
            ),
        ),
        Style::FlowField => t(
            format!(
                "Hundreds of lines follow an invisible field of directions, each stopping short of its neighbours, so that currents of {eb} appear on a ground of {ea}."
            ),
            format!(
                "Des centaines de lignes suivent un champ invisible de directions, chacune s'arrêtant avant ses voisines, si bien que des courants aux tons {fb} apparaissent sur un fond {fa}."
            ),
            format!(
                "Hunderte Linien folgen einem unsichtbaren Richtungsfeld, jede endet vor ihren Nachbarn, sodass auf einem Grund in {ga} Strömungen in {gb} erscheinen."
            ),
        ),
        Style::Silhouette => t(
            format!(
                "A head and shoulders in profile, cut in {ea} and set in an oval on a ground of {eb}, after the portrait shades of around 1800."
            ),
            format!(
                "Une tête et des épaules de profil, découpées dans des tons {fa} et placées dans un ovale sur un fond {fb}, à la manière des silhouettes des années 1800."
            ),
            format!(
                "Kopf und Schultern im Profil, in {ga} geschnitten und in ein Oval auf einem Grund in {gb} gesetzt, nach Art der Schattenrisse um 1800."
            ),
        ),
        Style::StarPattern => t(
            format!(
                "Interlaced stars repeat across a tiled panel of {ea} and {eb}, outlined by pale strapwork and framed by a border."
            ),
            format!(
                "Des étoiles entrelacées se répètent sur un panneau de carreaux aux tons {fa} et {fb}, cernées d'entrelacs clairs et bordées d'un cadre."
            ),
            format!(
                "Verflochtene Sterne wiederholen sich über eine Fliesentafel in {ga} und {gb}, umrissen von hellem Bandwerk und von einer Bordüre gerahmt."
            ),
        ),
        Style::Pointillist => t(
            format!(
                "A riverside afternoon built entirely of small dots of unmixed colour, mostly {ea} and {eb}, which the eye blends at a distance."
            ),
            format!(
                "Un après-midi au bord de l'eau fait tout entier de petits points de couleur pure, surtout dans des tons {fa} et {fb}, que l'œil mélange à distance."
            ),
            format!(
                "Ein Nachmittag am Fluss, ganz aus kleinen Punkten reiner Farbe gebaut, vor allem {ga} und {gb}, die das Auge aus der Entfernung mischt."
            ),
        ),
    }
}

/// What a sculpture's first sentence says, with its material (`in` / `en` / `aus`).
fn sculpture_subject(kind: SculptureKind, m: &Phrase) -> Phrase {
    let (en, fr, de) = (&m.en, &m.fr, &m.de);
    let zh = zh::sculpture_subject(kind, &m.zh);
    let t = |e: String, f: String, d: String| Phrase::new(e, f, d, zh);
    match kind {
        SculptureKind::Vase => t(
            format!(
                "A vessel in {en} with one continuous profile, from a narrow foot through a full belly to a flared lip."
            ),
            format!(
                "Un vase en {fr} au profil continu, d'un pied étroit à une lèvre évasée en passant par une panse pleine."
            ),
            format!(
                "Ein Gefäß aus {de} mit durchgehendem Profil, vom schmalen Fuß über einen vollen Bauch zur ausgestellten Lippe."
            ),
        ),
        SculptureKind::TwistedColumn => t(
            format!(
                "A column in {en} whose fluted shaft twists between a moulded base and a flared capital."
            ),
            format!(
                "Une colonne en {fr} dont le fût cannelé se tord entre une base moulurée et un chapiteau évasé."
            ),
            format!(
                "Eine Säule aus {de}, deren kannelierter Schaft sich zwischen profilierter Basis und ausladendem Kapitell windet."
            ),
        ),
        SculptureKind::TorusKnot => t(
            format!(
                "A single tube of {en} tied in a torus knot, with no beginning and no end, raised on a slender rod."
            ),
            format!(
                "Un tube unique en {fr} noué en nœud torique, sans début ni fin, dressé sur une fine tige."
            ),
            format!(
                "Eine einzige Röhre aus {de}, zu einem Torusknoten geschlungen, ohne Anfang und Ende, auf einem schlanken Stab."
            ),
        ),
        SculptureKind::EndlessColumn => t(
            format!(
                "Identical rhomboid modules of {en}, stacked point to point, suggest a column that could rise without end."
            ),
            format!(
                "Des modules rhomboïdaux identiques en {fr}, empilés pointe contre pointe, suggèrent une colonne qui pourrait s'élever sans fin."
            ),
            format!(
                "Gleiche rhomboide Module aus {de}, Spitze auf Spitze gestapelt, deuten eine Säule an, die endlos steigen könnte."
            ),
        ),
        SculptureKind::Concretion => t(
            format!(
                "A smooth form in {en} swells in soft lobes, as if grown rather than made, and rests on a flattened underside."
            ),
            format!(
                "Une forme lisse en {fr} se gonfle en lobes doux, comme poussée plutôt que faite, et repose sur une base aplatie."
            ),
            format!(
                "Eine glatte Form aus {de} schwillt in weichen Wölbungen, eher gewachsen als gemacht, und ruht auf einer abgeflachten Unterseite."
            ),
        ),
        SculptureKind::PiercedForm => t(
            format!(
                "A ring of {en} of changing thickness stands on its edge; the hole through it matters as much as the mass."
            ),
            format!(
                "Un anneau en {fr} d'épaisseur changeante se tient sur la tranche ; le vide qui le traverse compte autant que la masse."
            ),
            format!(
                "Ein Ring aus {de} von wechselnder Stärke steht auf der Kante; die Öffnung zählt so viel wie die Masse."
            ),
        ),
        SculptureKind::Crystal => t(
            format!(
                "Hexagonal crystals of {en} with pointed ends grow at different angles from a rough rock, every face flat."
            ),
            format!(
                "Des cristaux hexagonaux en {fr} à pointes poussent selon des angles différents depuis une roche brute, toutes faces planes."
            ),
            format!(
                "Sechseckige Kristalle aus {de} mit spitzen Enden wachsen in verschiedenen Winkeln aus einem rauen Fels, jede Fläche eben."
            ),
        ),
        SculptureKind::Mobius => t(
            format!(
                "A thick band of {en} turns through half twists before it meets itself, so that it has one side and one edge."
            ),
            format!(
                "Une bande épaisse en {fr} se tord par demi-tours avant de se rejoindre, de sorte qu'elle n'a qu'une face et qu'un bord."
            ),
            format!(
                "Ein dickes Band aus {de} verwindet sich in halben Drehungen, bevor es sich schließt, sodass es nur eine Seite und eine Kante hat."
            ),
        ),
        SculptureKind::RecliningFigure => t(
            format!(
                "A figure in {en} reclines on one elbow with a knee drawn up, body and limbs merged into one continuous form."
            ),
            format!(
                "Une figure en {fr} s'allonge, appuyée sur un coude, un genou relevé, corps et membres fondus en une seule forme continue."
            ),
            format!(
                "Eine Figur aus {de} liegt auf einen Ellbogen gestützt, ein Knie angezogen, Körper und Glieder zu einer durchgehenden Form verschmolzen."
            ),
        ),
    }
}

/// The sentences after the first: who made the work and when, and where it came from.
fn provenance(people: &Attribution, seed: u64) -> Phrase {
    let (artist, year) = (&people.name, people.year);
    let (when_en, when_fr, when_de) = if people.circa {
        (
            format!("around {year}"),
            format!("vers {year}"),
            format!("um {year}"),
        )
    } else {
        (format!("in {year}"), format!("en {year}"), year.to_string())
    };
    Phrase::new(
        format!(
            "{artist}, an invented artist, made the work {}. Like the whole collection, it was generated by Museion's own code from seed {seed}.",
            when_en
        ),
        format!(
            "{artist}, artiste imaginaire, a réalisé l'œuvre {}. Comme toute la collection, elle a été générée par le code de Museion à partir de la graine {seed}.",
            when_fr
        ),
        format!(
            "{artist}, eine erfundene Künstlerpersönlichkeit, schuf das Werk {}. Wie die ganze Sammlung wurde es von Museions eigenem Code aus dem Startwert {seed} erzeugt.",
            when_de
        ),
        zh::provenance(&people.name_zh, year, people.circa, seed),
    )
}

/// Joins the first sentence and the rest (Chinese runs its sentences on, without spaces).
fn join(first: Phrase, rest: Phrase) -> Phrase {
    Phrase::new(
        format!("{} {}", capital(&first.en), rest.en),
        format!("{} {}", capital(&first.fr), rest.fr),
        format!("{} {}", first.de, rest.de),
        format!("{}{}", first.zh, rest.zh),
    )
}

/// The label text of a painting.
pub(super) fn painting(style: Style, colours: [&Phrase; 2], people: &Attribution, seed: u64) -> Phrase {
    join(
        painting_subject(style, colours[0], colours[1]),
        provenance(people, seed),
    )
}

/// The label text of a sculpture.
pub(super) fn sculpture(kind: SculptureKind, material: &Phrase, people: &Attribution, seed: u64) -> Phrase {
    join(sculpture_subject(kind, material), provenance(people, seed))
}
