import type { JsonResponse, Schemas } from '../../../client/index.ts';

/** Shorthands for the generated API types the pages use; none of them is written by hand. */
export type Task = Schemas['Task'];
export type TaskStatus = Task['status'];
export type TaskArea = Task['area'];
export type ProgressEntry = Schemas['ProgressEntry'];
export type Concept = Schemas['Concept'];
export type Milestone = Schemas['Milestone'];
export type MilestoneReport = Schemas['MilestoneReport'];
export type ApiDocument = Schemas['Document'];
export type DocumentKind = ApiDocument['kind'];
export type Problem = Schemas['Problem'];
export type Deadline = JsonResponse<'/v1/deadlines'>['items'][number];
export type Position = JsonResponse<'/v1/positions'>['items'][number];
export type CalendarTokenCreated = Schemas['CalendarTokenCreated'];
