// Foreign local governments of the atlas's demo, by country: real cities, provinces and regions (with the
// province or region they are in), as the network's directories name them. Partnerships between them and
// French local governments are made up (demo.ts), except the pairs the seeds state.
export const foreignPlaces: Record<string, [name: string, region: string][]> = {
  JP: [
    ['Shizuoka', 'Préfecture de Shizuoka'], ['Kyoto', 'Préfecture de Kyoto'], ['Sapporo', 'Hokkaidō'],
    ['Nagoya', 'Préfecture d’Aichi'], ['Kanazawa', 'Préfecture d’Ishikawa'], ['Sendai', 'Préfecture de Miyagi'],
    ['Fukuoka', 'Préfecture de Fukuoka'], ['Hiroshima', 'Préfecture d’Hiroshima'], ['Nara', 'Préfecture de Nara'],
    ['Matsumoto', 'Préfecture de Nagano'], ['Kumamoto', 'Préfecture de Kumamoto'], ['Niigata', 'Préfecture de Niigata'],
    ['Okayama', 'Préfecture d’Okayama'], ['Takayama', 'Préfecture de Gifu'], ['Hakodate', 'Hokkaidō'],
    ['Yokohama', 'Préfecture de Kanagawa'], ['Kōchi', 'Préfecture de Kōchi'], ['Préfecture de Tottori', 'Préfecture de Tottori'],
  ],
  CN: [
    ['Wuhan', 'Hubei'], ['Chengdu', 'Sichuan'], ['Xi’an', 'Shaanxi'], ['Suzhou', 'Jiangsu'], ['Hangzhou', 'Zhejiang'],
    ['Qingdao', 'Shandong'], ['Kunming', 'Yunnan'], ['Province du Hubei', 'Hubei'], ['Nanjing', 'Jiangsu'], ['Dalian', 'Liaoning'],
  ],
  SN: [
    ['Dakar', 'Région de Dakar'], ['Saint-Louis', 'Région de Saint-Louis'], ['Ziguinchor', 'Région de Ziguinchor'],
    ['Thiès', 'Région de Thiès'], ['Podor', 'Région de Saint-Louis'], ['Matam', 'Région de Matam'],
    ['Kaolack', 'Région de Kaolack'], ['Département de Bignona', 'Région de Ziguinchor'], ['Louga', 'Région de Louga'],
    ['Rufisque', 'Région de Dakar'], ['Fatick', 'Région de Fatick'], ['Diourbel', 'Région de Diourbel'],
  ],
  MG: [
    ['Erada', 'Région Anosy'], ['Maroalomainty', 'Région Androy'], ['Sampona', 'Région Androy'],
    ['Antananarivo', 'Région Analamanga'], ['Région Haute Matsiatra', 'Région Haute Matsiatra'], ['Mahajanga', 'Région Boeny'],
    ['Toamasina', 'Région Atsinanana'], ['Région Vakinankaratra', 'Région Vakinankaratra'], ['Fianarantsoa', 'Région Haute Matsiatra'],
    ['Antsirabe', 'Région Vakinankaratra'],
  ],
  MR: [
    ['Nouakchott', 'Région de Nouakchott'], ['Nouadhibou', 'Dakhlet Nouadhibou'], ['Rosso', 'Trarza'], ['Kaédi', 'Gorgol'],
    ['Sélibaby', 'Guidimakha'], ['Atar', 'Adrar'], ['Région du Gorgol', 'Gorgol'],
  ],
  LB: [
    ['Byblos', 'Mont-Liban'], ['Tripoli', 'Liban-Nord'], ['Saïda', 'Liban-Sud'], ['Zahlé', 'Békaa'], ['Tyr', 'Liban-Sud'],
    ['Fédération des municipalités du Kesrouan', 'Mont-Liban'], ['Baalbek', 'Baalbek-Hermel'], ['Batroun', 'Liban-Nord'],
  ],
  AM: [
    ['Erevan', 'Erevan'], ['Gumri', 'Shirak'], ['Vanadzor', 'Lori'], ['Goris', 'Syunik'], ['Sisian', 'Syunik'],
    ['Dilijan', 'Tavush'], ['Etchmiadzine', 'Armavir'],
  ],
  MA: [
    ['Ijoukak', 'Province d’Al Haouz'], ['Ouneine', 'Province de Taroudant'], ['Agadir', 'Souss-Massa'],
    ['Fès', 'Fès-Meknès'], ['Marrakech', 'Marrakech-Safi'], ['Région de l’Oriental', 'Oriental'], ['Essaouira', 'Marrakech-Safi'],
    ['Chefchaouen', 'Tanger-Tétouan-Al Hoceïma'], ['Meknès', 'Fès-Meknès'], ['Tiznit', 'Souss-Massa'],
  ],
  TN: [
    ['Sfax', 'Gouvernorat de Sfax'], ['Sousse', 'Gouvernorat de Sousse'], ['Kairouan', 'Gouvernorat de Kairouan'],
    ['Bizerte', 'Gouvernorat de Bizerte'], ['Monastir', 'Gouvernorat de Monastir'], ['Tozeur', 'Gouvernorat de Tozeur'],
  ],
  AR: [
    ['Rosario', 'Province de Santa Fe'], ['Córdoba', 'Province de Córdoba'], ['Mendoza', 'Province de Mendoza'],
    ['Province de Misiones', 'Misiones'], ['Salta', 'Province de Salta'], ['Bariloche', 'Province de Río Negro'],
  ],
  HT: [
    ['Jacmel', 'Département du Sud-Est'], ['Cap-Haïtien', 'Département du Nord'], ['Les Cayes', 'Département du Sud'],
    ['Jérémie', 'Département de Grand’Anse'], ['Port-de-Paix', 'Département du Nord-Ouest'], ['Petit-Goâve', 'Département de l’Ouest'],
  ],
  VN: [
    ['Hué', 'Thừa Thiên Huế'], ['Da Nang', 'Da Nang'], ['Hanoï', 'Hanoï'], ['Province de Quảng Nam', 'Quảng Nam'],
    ['Hải Phòng', 'Hải Phòng'], ['Province de Lào Cai', 'Lào Cai'], ['Cần Thơ', 'Cần Thơ'],
  ],
  US: [
    ['La Nouvelle-Orléans', 'Louisiane'], ['Chicago', 'Illinois'], ['Atlanta', 'Géorgie'], ['San Francisco', 'Californie'],
    ['Québec', 'Québec'], ['Boston', 'Massachusetts'], ['Philadelphie', 'Pennsylvanie'], ['Saint Louis', 'Missouri'],
  ],
  KR: [['Busan', 'Busan'], ['Jeonju', 'Jeolla du Nord'], ['Gyeongju', 'Gyeongsang du Nord'], ['Suwon', 'Gyeonggi']],
  PS: [
    ['Hébron', 'Cisjordanie'], ['Naplouse', 'Cisjordanie'], ['Bethléem', 'Cisjordanie'], ['Jéricho', 'Cisjordanie'],
    ['Gaza', 'Bande de Gaza'], ['Ramallah', 'Cisjordanie'],
  ],
  UA: [['Kharkiv', 'Oblast de Kharkiv'], ['Odessa', 'Oblast d’Odessa'], ['Lviv', 'Oblast de Lviv'], ['Tchernihiv', 'Oblast de Tchernihiv'], ['Irpin', 'Oblast de Kyiv']],
  NE: [['Zinder', 'Région de Zinder'], ['Agadez', 'Région d’Agadez'], ['Maradi', 'Région de Maradi'], ['Dosso', 'Région de Dosso']],
  BF: [
    ['Ouahigouya', 'Nord'], ['Koudougou', 'Centre-Ouest'], ['Bobo-Dioulasso', 'Hauts-Bassins'], ['Banfora', 'Cascades'],
    ['Dori', 'Sahel'], ['Kaya', 'Centre-Nord'],
  ],
  ML: [['Kayes', 'Région de Kayes'], ['Ségou', 'Région de Ségou'], ['Mopti', 'Région de Mopti'], ['Sikasso', 'Région de Sikasso']],
  CO: [['Medellín', 'Antioquia'], ['Bogotá', 'District capital'], ['Cali', 'Valle del Cauca'], ['Carthagène', 'Bolívar']],
};

/** How many partnerships the demo gives each country (the directories the seeds name are the largest). */
export const partnershipsPerCountry: Record<string, number> = {
  JP: 62, CN: 28, SN: 30, MG: 24, MR: 13, LB: 18, AM: 14, MA: 24, TN: 12, AR: 10,
  HT: 10, VN: 14, US: 14, KR: 6, PS: 10, UA: 9, NE: 6, BF: 10, ML: 6, CO: 6,
};

/** Project titles by theme: « {place} » is the partner's name. */
export const projectTitles: Record<string, string[]> = {
  water: ['Accès à l’eau potable à {place}', 'Assainissement des quartiers de {place}', 'Gestion concertée de la ressource en eau'],
  climate: ['Plan climat partagé avec {place}', 'Énergies renouvelables dans les bâtiments publics', 'Adaptation au changement climatique'],
  youth: ['Échanges de jeunes et service civique réciproque', 'Éducation à la citoyenneté mondiale dans les collèges', 'Chantiers de jeunes à {place}'],
  gender: ['Entrepreneuriat des femmes à {place}', 'Participation des femmes à la vie locale'],
  economy: ['Appui aux filières économiques locales', 'Incubateur d’entreprises de {place}', 'Marchés et commerce de proximité'],
  culture: ['Résidences d’artistes croisées', 'Valorisation du patrimoine de {place}', 'Festival des cultures partagées'],
  health: ['Coopération hospitalière avec {place}', 'Santé communautaire et prévention'],
  food: ['Agroécologie et sécurité alimentaire', 'Circuits courts et restauration scolaire', 'Maraîchage périurbain à {place}'],
  waste: ['Collecte et valorisation des déchets à {place}', 'Tri sélectif et compostage'],
  governance: ['Appui à l’état civil de {place}', 'Renforcement des finances locales', 'Formation des élus et agents territoriaux'],
  crisis: ['Reconstruction après la catastrophe à {place}', 'Réduction des risques de catastrophe'],
  tourism: ['Tourisme durable entre nos territoires', 'Itinéraires culturels et touristiques'],
  education: ['Équipement des écoles de {place}', 'Coopération universitaire et formation professionnelle'],
  volunteering: ['Volontariat de réciprocité', 'Mobilité des agents territoriaux'],
};

export const coFunderNames = ['DCTCIV', 'AFD', 'Union européenne', 'Agences de l’eau', 'Fondations'];
