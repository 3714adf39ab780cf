/* pages.js — where every page registers: its name (the hash, #/name/arg), the roles that may
 * open it, its module's view, and whether the menu lists it (in this order, by its label when it
 * has one), the menu entry it is under when it is not listed, and whether it shows flows over a
 * period (the date picker then has a "from"). A new page is one import and one row
 * here; the router and the menu need nothing else. */
import { pageCertificates } from './pages/certificates.js';
import { pageChains } from './pages/chains.js';
import { pageCities } from './pages/cities.js';
import { pageCity } from './pages/city.js';
import { pageEod } from './pages/eod.js';
import { pageExposures } from './pages/exposures.js';
import { pageFacilities } from './pages/facilities.js';
import { pageGuarantees } from './pages/guarantees.js';
import { pageHome } from './pages/home.js';
import { pageInclusive } from './pages/inclusive.js';
import { pageLines } from './pages/lines.js';
import { pageLoans } from './pages/loans.js';
import { pageMyCerts } from './pages/mycerts.js';
import { pageMyDemands } from './pages/mydemands.js';
import { pageMyGuarantees } from './pages/myguarantees.js';
import { pageMySubsidies } from './pages/mysubsidies.js';
import { pageParty } from './pages/party.js';
import { pagePools } from './pages/pools.js';
import { pagePipeline } from './pages/pipeline.js';
import { pageProgress } from './pages/progress.js';
import { pageProjects } from './pages/projects.js';
import { pageQuality } from './pages/quality.js';
import { pageQueue } from './pages/queue.js';
import { pageStatus } from './pages/status.js';
import { pageSubsidies } from './pages/subsidies.js';
import { pageTrends } from './pages/trends.js';

const GOV = ['government', 'bank_officer', 'auditor'];
const BANK = ['bank_officer', 'auditor'];

export const PAGES = [
  { name: 'home', roles: ['government', 'bank_officer', 'auditor', 'enterprise'], view: pageHome, menu: true },
  { name: 'progress', roles: GOV, view: pageProgress, menu: true },
  { name: 'cities', roles: GOV, view: pageCities, menu: true, flows: true },
  { name: 'city', roles: GOV, view: pageCity, menu: false, flows: true },
  { name: 'chains', roles: GOV, view: pageChains, menu: true, flows: true },
  { name: 'lines', roles: GOV, view: pageLines, menu: true, flows: true },
  { name: 'projects', roles: GOV, view: pageProjects, menu: true },
  { name: 'inclusive', roles: GOV, view: pageInclusive, menu: true },
  { name: 'trends', roles: GOV, view: pageTrends, menu: true },
  { name: 'pipeline', roles: GOV, view: pagePipeline, menu: true, flows: true },
  /* The government's schemes: one entry of the menu (label), the three pages a tab bar apart. */
  { name: 'pools', roles: GOV, view: pagePools, menu: true, label: 'schemes' },
  { name: 'subsidies', roles: GOV, view: pageSubsidies, menu: false, under: 'pools' },
  { name: 'guarantees', roles: GOV, view: pageGuarantees, menu: false, under: 'pools' },
  { name: 'quality', roles: BANK, view: pageQuality, menu: true, flows: true },
  { name: 'exposures', roles: BANK, view: pageExposures, menu: true },
  { name: 'party', roles: BANK, view: pageParty, menu: false },
  { name: 'certificates', roles: BANK, view: pageCertificates, menu: true },
  { name: 'eod', roles: BANK, view: pageEod, menu: true },
  { name: 'queue', roles: BANK, view: pageQueue, menu: true },
  { name: 'facilities', roles: ['enterprise'], view: pageFacilities, menu: true },
  { name: 'loans', roles: ['enterprise'], view: pageLoans, menu: true },
  { name: 'mycerts', roles: ['enterprise'], view: pageMyCerts, menu: true },
  { name: 'mydemands', roles: ['enterprise'], view: pageMyDemands, menu: true },
  { name: 'mysubsidies', roles: ['enterprise'], view: pageMySubsidies, menu: true },
  /* A guarantee company's user: its company's guarantees, its first (and only) page. */
  { name: 'myguarantees', roles: ['guarantor'], view: pageMyGuarantees, menu: true },
  { name: 'status', roles: ['admin'], view: pageStatus, menu: true },
];

export function pageNamed(name) { return PAGES.find((p) => p.name === name); }
