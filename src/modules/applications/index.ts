// Applications and their review, for every module that receives some (« Démarches simplifiées »: déposée,
// en instruction, acceptée / refusée / classée sans suite; opinions of reviewers; motivated decisions mailed
// to the applicant). Owners declare a pipeline in their manifest; its page parts are in views/.
import { defineModule } from '../module.ts';
import { applicationApiRoutes } from './applications.api.ts';
import { applicationsPrivacy } from './applications.privacy.ts';
import * as schema from './applications.schema.ts';
import { eraseApplications, exportedApplications } from './person-data.ts';
import { applicationsHeldBy, mergeApplicationsPerson } from './person-merge.ts';

export default defineModule({
  name: 'applications',
  schema,
  privacy: applicationsPrivacy,
  api: applicationApiRoutes,
  people: {
    exported: exportedApplications,
    erased: eraseApplications,
    merged: mergeApplicationsPerson,
    held: applicationsHeldBy,
  },
});
