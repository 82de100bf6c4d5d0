/**
 * The generator's fixed vocabularies. COUNTRIES and PRODUCTS are the original's lists in the original's
 * order (spec §1.1/§1.2): the seeded draws index into them, so order and spelling ("Netherland", "UK") are
 * part of reproducing its files. The name lists are ours (the original used Faker, which cannot be replayed).
 */

export const COUNTRIES = [
  'France',
  'Germany',
  'Spain',
  'Italy',
  'Belgium',
  'Netherland',
  'Switzerland',
  'UK',
  'Canada',
] as const

export const PRODUCTS = [
  'Laptop',
  'Phone',
  'Tablet',
  'Headphones',
  'Monitor',
  'Keyboard',
  'Mouse',
  'Webcam',
  'Speaker',
  'Charger',
] as const

// Plain ASCII letters only: names feed e-mail addresses, and none may read as a CSV null ("NA", "None").
export const FIRST_NAMES = [
  'Alice',
  'Amanda',
  'Andrew',
  'Brian',
  'Camille',
  'Charles',
  'Chloe',
  'Daniel',
  'David',
  'Elena',
  'Emily',
  'Emma',
  'Ethan',
  'Felix',
  'Grace',
  'Hannah',
  'Hugo',
  'Isabel',
  'Jack',
  'James',
  'Jennifer',
  'Julia',
  'Karen',
  'Laura',
  'Leo',
  'Lucas',
  'Maria',
  'Mark',
  'Martin',
  'Michael',
  'Nina',
  'Noah',
  'Olivia',
  'Patrick',
  'Paul',
  'Rachel',
  'Robert',
  'Sarah',
  'Sophie',
  'Thomas',
] as const

export const LAST_NAMES = [
  'Anderson',
  'Bernard',
  'Brown',
  'Clark',
  'Cole',
  'Davis',
  'Dubois',
  'Fischer',
  'Garcia',
  'Green',
  'Hall',
  'Harris',
  'Jackson',
  'Johnson',
  'Keller',
  'Lambert',
  'Lee',
  'Lewis',
  'Martin',
  'Meyer',
  'Miller',
  'Moore',
  'Moreau',
  'Nelson',
  'Peeters',
  'Perez',
  'Ricci',
  'Roberts',
  'Rossi',
  'Sanchez',
  'Schmidt',
  'Smith',
  'Taylor',
  'Thompson',
  'Walker',
  'White',
  'Williams',
  'Wilson',
  'Young',
  'Zimmermann',
] as const

export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'] as const

/** How the local part of an address joins the names, e.g. "emma.smith", "emmasmith", "esmith". */
export const EMAIL_STYLES = 3

/** Addresses get a number suffix 1..99, or none when the draw is 0. */
export const EMAIL_NUMBER_RANGE = 100
