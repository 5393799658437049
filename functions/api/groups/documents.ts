import { documentRoutes } from '../routes/documents.routes.ts';
import type { MountRoutes } from './mount-routes.ts';

/** Documents of any record: upload, completion, listing, download, deletion. */
export const mountDocuments: MountRoutes = ({ v1, newApp }) => {
  v1.route('/', newApp().openapiRoutes(documentRoutes));
};
