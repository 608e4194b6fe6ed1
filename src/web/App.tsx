// The app: language and session first (the sign-in screen needs both), then the screens by address.
import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { Loading } from './components/form.tsx';
import { Layout } from './components/Layout.tsx';
import { DirectoryProvider } from './directory.tsx';
import { I18nProvider, useI18n } from './i18n/index.tsx';
import {
  issuesCards,
  mayRecordIncident,
  protectsChildren,
  readsBirthRegistrations,
  readsCases,
  readsChildAlerts,
  readsCounts,
  readsPersons,
  reviewsDuplicates,
  scansCards,
} from './policy.ts';
import { CaseList, CasePage } from './screens/Cases.tsx';
import { BirthRegistrations, ChildAlertsScreen, ChildCases } from './screens/Children.tsx';
import { CountPage } from './screens/Count.tsx';
import { Country } from './screens/Country.tsx';
import { Counts } from './screens/Counts.tsx';
import { Dashboard } from './screens/Dashboard.tsx';
import { Discrepancies } from './screens/Discrepancies.tsx';
import { Duplicates } from './screens/Duplicates.tsx';
import { Facilities, FacilityPage } from './screens/Facility.tsx';
import { AtLarge, IncidentForm, IncidentLog, IncidentPage } from './screens/Incidents.tsx';
import { ChangePassword, Login } from './screens/Login.tsx';
import { Person } from './screens/Person.tsx';
import { Registry } from './screens/Registry.tsx';
import { RollBoard } from './screens/RollBoard.tsx';
import { Scan } from './screens/Scan.tsx';
import { SessionProvider, useSession } from './session.tsx';

// The card page carries the QR encoder: loaded when a card is printed, not with every page.
const CardPage = lazy(() => import('./screens/Card.tsx').then((m) => ({ default: m.CardPage })));
// The map carries the country outlines: loaded only when it is opened.
const IncidentMap = lazy(() => import('./screens/IncidentMap.tsx'));

function MapScreen() {
  return (
    <Suspense fallback={<Loading />}>
      <IncidentMap />
    </Suspense>
  );
}

function NotFound() {
  const { t } = useI18n();
  return <p className="empty">{t('error.noScreen')}</p>;
}

function Screens() {
  const { user } = useSession();
  if (user === undefined) return <Loading />;
  // Signing in keeps the address: after it, the screen that was asked for opens.
  if (user === null) return <Login />;
  if (user.mustChangePassword) return <ChangePassword />;
  return (
    <DirectoryProvider key={user.username}>
      <Layout>
        <Switch>
          <Route path="/" component={Dashboard} />
          {readsPersons(user.role) && <Route path="/registry" component={Registry} />}
          {readsPersons(user.role) && <Route path="/persons/:personId" component={Person} />}
          {issuesCards(user.role) && (
            <Route path="/persons/:personId/card">
              <Suspense fallback={<Loading />}>
                <CardPage />
              </Suspense>
            </Route>
          )}
          {scansCards(user.role) && <Route path="/scan" component={Scan} />}
          {reviewsDuplicates(user.role) && <Route path="/duplicates" component={Duplicates} />}
          <Route path="/countries/:country" component={Country} />
          {readsCases(user.role) && <Route path="/cases" component={CaseList} />}
          {readsCases(user.role) && <Route path="/cases/:caseId" component={CasePage} />}
          {readsChildAlerts(user.role) && <Route path="/children" component={ChildAlertsScreen} />}
          {protectsChildren(user.role) && <Route path="/child-cases" component={ChildCases} />}
          {readsBirthRegistrations(user.role) && (
            <Route path="/birth-registrations" component={BirthRegistrations} />
          )}
          <Route path="/facilities" component={Facilities} />
          <Route path="/facilities/:facilityId" component={FacilityPage} />
          {readsCounts(user.role) && (
            <Route path="/facilities/:facilityId/roll-board" component={RollBoard} />
          )}
          {readsCounts(user.role) && <Route path="/counts" component={Counts} />}
          {readsCounts(user.role) && <Route path="/headcounts/:headcountId" component={CountPage} />}
          {readsCounts(user.role) && (
            <Route path="/headcounts/:headcountId/discrepancies" component={Discrepancies} />
          )}
          {readsPersons(user.role) && <Route path="/incidents" component={IncidentLog} />}
          {mayRecordIncident(user.role) && <Route path="/incidents/new" component={IncidentForm} />}
          {readsPersons(user.role) && <Route path="/incidents/:incidentId" component={IncidentPage} />}
          {readsPersons(user.role) && <Route path="/at-large" component={AtLarge} />}
          {readsPersons(user.role) && <Route path="/map" component={MapScreen} />}
          <Route component={NotFound} />
        </Switch>
      </Layout>
    </DirectoryProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Screens />
      </SessionProvider>
    </I18nProvider>
  );
}
