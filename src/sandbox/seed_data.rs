//! Word lists for seed data: European first and last names, streets, cities, banks, hotels.

/// One country's material.
pub struct Country {
    pub code: &'static str,
    pub first_names: &'static [&'static str],
    pub last_names: &'static [&'static str],
    pub streets: &'static [&'static str],
    /// (postal code, city)
    pub cities: &'static [(&'static str, &'static str)],
    pub bics: &'static [&'static str],
    pub phone_prefix: &'static str,
    pub email_domain: &'static str,
}

pub const COUNTRIES: &[Country] = &[
    Country {
        code: "FR",
        first_names: &[
            "Élodie",
            "Camille",
            "Louis",
            "Chloé",
            "Hugo",
            "Léa",
            "Mathieu",
            "Inès",
            "Théo",
            "Manon",
            "Gaëlle",
            "François",
        ],
        last_names: &[
            "Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Girard", "Fournier", "Rousseau",
            "Lambert", "Bonnet", "Faure", "Mercier",
        ],
        streets: &[
            "rue Oberkampf",
            "avenue Jean Jaurès",
            "boulevard Voltaire",
            "rue de la République",
            "place Bellecour",
            "rue Sainte-Catherine",
        ],
        cities: &[
            ("75011", "Paris"),
            ("69002", "Lyon"),
            ("13001", "Marseille"),
            ("33000", "Bordeaux"),
            ("31000", "Toulouse"),
            ("59000", "Lille"),
        ],
        bics: &["CMCIFR2A", "BNPAFRPP", "SOGEFRPP", "AGRIFRPP", "CCBPFRPP"],
        phone_prefix: "+33 6",
        email_domain: "example.fr",
    },
    Country {
        code: "DE",
        first_names: &[
            "Lukas",
            "Anna",
            "Jürgen",
            "Sophie",
            "Maximilian",
            "Marie",
            "Jonas",
            "Lena",
            "Felix",
            "Hannah",
        ],
        last_names: &[
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Meyer",
            "Wagner",
            "Becker",
            "Schulz",
            "Hoffmann",
        ],
        streets: &[
            "Hauptstraße",
            "Bahnhofstraße",
            "Gartenweg",
            "Schillerstraße",
            "Goethestraße",
        ],
        cities: &[
            ("10115", "Berlin"),
            ("80331", "München"),
            ("20095", "Hamburg"),
            ("50667", "Köln"),
            ("60311", "Frankfurt am Main"),
        ],
        bics: &[
            "DEUTDEFF",
            "COBADEFF",
            "DRESDEFF",
            "GENODEM1GLS",
            "INGDDEFF",
        ],
        phone_prefix: "+49 151",
        email_domain: "example.de",
    },
    Country {
        code: "ES",
        first_names: &[
            "Lucía",
            "Alejandro",
            "Sofía",
            "Javier",
            "Martina",
            "Pablo",
            "Carmen",
            "Álvaro",
            "Nuria",
            "Andrés",
        ],
        last_names: &[
            "García",
            "Fernández",
            "González",
            "Rodríguez",
            "López",
            "Martínez",
            "Sánchez",
            "Pérez",
            "Gómez",
            "Muñoz",
        ],
        streets: &[
            "Calle Mayor",
            "Gran Vía",
            "Avenida de la Constitución",
            "Calle de Alcalá",
            "Paseo de Gracia",
        ],
        cities: &[
            ("28013", "Madrid"),
            ("08007", "Barcelona"),
            ("41001", "Sevilla"),
            ("46002", "Valencia"),
            ("48001", "Bilbao"),
        ],
        bics: &["CAIXESBB", "BBVAESMM", "BSCHESMM", "SABBESBB"],
        phone_prefix: "+34 6",
        email_domain: "example.es",
    },
    Country {
        code: "IT",
        first_names: &[
            "Giulia",
            "Lorenzo",
            "Francesca",
            "Matteo",
            "Chiara",
            "Niccolò",
            "Alessia",
            "Davide",
            "Sara",
            "Andrea",
        ],
        last_names: &[
            "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
            "Marino", "Greco",
        ],
        streets: &[
            "Via Roma",
            "Corso Vittorio Emanuele",
            "Via Garibaldi",
            "Piazza del Duomo",
            "Via Dante",
        ],
        cities: &[
            ("00184", "Roma"),
            ("20121", "Milano"),
            ("10121", "Torino"),
            ("50122", "Firenze"),
            ("80132", "Napoli"),
        ],
        bics: &["UNCRITMM", "BCITITMM", "BPMOIT22", "BNLIITRR"],
        phone_prefix: "+39 347",
        email_domain: "example.it",
    },
    Country {
        code: "NL",
        first_names: &[
            "Jan", "Sanne", "Daan", "Emma", "Bram", "Fleur", "Thijs", "Lotte", "Sem", "Anouk",
        ],
        last_names: &[
            "de Vries",
            "Jansen",
            "van den Berg",
            "Bakker",
            "Visser",
            "Smit",
            "Meijer",
            "de Boer",
            "Mulder",
            "de Jong",
        ],
        streets: &[
            "Kerkstraat",
            "Prinsengracht",
            "Dorpsstraat",
            "Stationsweg",
            "Molenweg",
        ],
        cities: &[
            ("1015", "Amsterdam"),
            ("3011", "Rotterdam"),
            ("2511", "Den Haag"),
            ("3511", "Utrecht"),
            ("5611", "Eindhoven"),
        ],
        bics: &["ABNANL2A", "INGBNL2A", "RABONL2U", "TRIONL2U"],
        phone_prefix: "+31 6",
        email_domain: "example.nl",
    },
    Country {
        code: "BE",
        first_names: &[
            "Lotte", "Arthur", "Louise", "Noah", "Elise", "Lucas", "Marie", "Victor", "Julie",
            "Wout",
        ],
        last_names: &[
            "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
            "Dupont", "Lemaire",
        ],
        streets: &[
            "Rue Neuve",
            "Meir",
            "Avenue Louise",
            "Veldstraat",
            "Rue de Namur",
        ],
        cities: &[
            ("1000", "Bruxelles"),
            ("2000", "Antwerpen"),
            ("9000", "Gent"),
            ("4000", "Liège"),
            ("8000", "Brugge"),
        ],
        bics: &["GEBABEBB", "BBRUBEBB", "KREDBEBB", "GKCCBEBB"],
        phone_prefix: "+32 470",
        email_domain: "example.be",
    },
];

pub const HOTELS: &[&str] = &[
    "Hôtel des Arts Lyon",
    "Grand Hôtel de Bordeaux",
    "Hotel Adler München",
    "Hotel Casa Blanca Sevilla",
    "Albergo Roma Centro",
    "Hotel De Gouden Leeuw Amsterdam",
    "Hôtel du Parc Bruxelles",
    "Résidence Les Calanques Marseille",
    "Hotel Alpenblick Garmisch",
    "Hostal La Rambla Barcelona",
    "Villa Fiorentina",
    "Strandhotel Scheveningen",
];

pub const PROMOTIONS: &[(&str, &str, &str, i64)] = &[
    ("WELCOME10", "Welcome 10%", "PERCENTAGE", 10),
    ("FIBER5", "Fiber 5 € off", "AMOUNT", 500),
    ("SUMMER20", "Summer 20%", "PERCENTAGE", 20),
    ("LOYALTY15", "Loyalty 15%", "PERCENTAGE", 15),
    ("MOBILE3", "Mobile 3 € off", "AMOUNT", 300),
    ("FAMILY25", "Family pack 25%", "PERCENTAGE", 25),
];

pub const SPECIAL_TREATMENTS: &[&str] = &["VIP", "VULNERABLE", "PRESS", "LITIGATION"];
pub const CATEGORIES: &[&str] = &["fiber", "mobile", "tv", "landline", "energy"];

/// (brand, first six digits of the PAN)
pub const CARD_BRANDS: &[(&str, &str)] = &[
    ("VISA", "497010"),
    ("VISA", "453201"),
    ("MASTERCARD", "513100"),
    ("MASTERCARD", "545454"),
    ("CB", "497355"),
];

/// Upper-case ASCII letters and digits only, for e-mail addresses.
pub fn ascii_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let m = match c {
            'à' | 'á' | 'â' | 'ä' | 'À' | 'Á' | 'Â' | 'Ä' => 'a',
            'ç' | 'Ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'Í' | 'Î' => 'i',
            'ñ' | 'Ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'Ó' | 'Ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'Ú' | 'Ü' => 'u',
            'ß' => 's',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => continue,
        };
        out.push(m);
    }
    out
}
