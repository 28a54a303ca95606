import { HTTPException } from '../http-exception';

/** FastAPI's answer when credentials are missing or unreadable: 401 with a challenge. */
export function notAuthenticated(challenge: string): HTTPException {
  return new HTTPException(401, 'Not authenticated', { 'WWW-Authenticate': challenge });
}
