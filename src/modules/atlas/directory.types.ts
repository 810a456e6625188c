// A country's directory of partnerships (« répertoire des partenariats »), as the country page and its PDF
// publication read it: gathered once from the database (directory.ts), drawn by the page and by the PDF.

export interface DirectoryProject {
  title: string;
  startYear: number;
  endYear: number | null;
  /** In integer cents of `currency`; null when not given. */
  budgetCents: number | null;
  currency: string;
  coFunders: string[];
  /** French labels of its themes. */
  themes: string[];
  description: string | null;
  place: string | null;
}

export interface DirectoryPartnership {
  id: string;
  /** The French side: one local government, or several for a joint partnership. */
  frenchOrganisations: { name: string; departement: string | null }[];
  partner: { name: string; region: string | null };
  /** French labels: « Jumelage », « Active »… */
  kind: string;
  status: string;
  since: number | null;
  /** « Convention du 12 mars 2019 (réf. 2019-04) »; null when unknown. */
  agreement: string | null;
  themes: string[];
  /** Objectives and history, plain text paragraphs separated by blank lines. */
  description: string | null;
  projects: DirectoryProject[];
}

export interface Directory {
  country: { code: string; name: string };
  /** The introduction on the country's decentralisation: plain text paragraphs. */
  introduction: string[];
  /** The day the data was read (the edition date of the publication). */
  editedOn: Date;
  figures: {
    partnerships: number;
    activePartnerships: number;
    frenchOrganisations: number;
    projects: number;
    /** Theme labels with their number of partnerships, most frequent first. */
    themes: { label: string; count: number }[];
    /** Co-funders with their number of projects, most frequent first. */
    coFunders: { name: string; count: number }[];
  };
  /** Partnerships grouped by the French région of their (first) French local government, régions by name. */
  regions: { name: string; partnerships: DirectoryPartnership[] }[];
  publisher: { name: string; url: string };
}
