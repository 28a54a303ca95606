export { projectFiles } from './project-files';
export { createProject, type CreateResult } from './create-project';
export { RUNNERS, type ProjectOptions, type Runner } from './options';
