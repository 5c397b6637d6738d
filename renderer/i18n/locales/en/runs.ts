// English strings of the runs feature.
export const runs = {
  title: 'Runs',
  intro: 'Each run is one go-live, one office or one client, checked against one template version.',
  emptyTitle: 'No runs yet',
  emptyBody: 'Starting a run from a template arrives with the Runs capability.',
};
