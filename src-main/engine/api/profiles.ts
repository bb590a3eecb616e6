import type { z } from 'zod';
import type { ProfileInput } from '../../../src-shared/contract/index.js';
import { profileFromAws, scanAwsProfiles } from '../connection/aws-import.js';
import { PRESETS } from '../connection/presets.js';
import { profileFromInput, profileIdFor } from '../connection/profile-input.js';
import { publicProfile } from '../connection/profiles.js';
import { testConnection } from '../connection/test-connection.js';
import type { Engine } from '../engine.js';
import type { Handlers } from '../dispatch.js';
import { FerryError } from '../errors.js';

type ProfileCommands =
  | 'profiles.list'
  | 'profiles.presets'
  | 'profiles.save'
  | 'profiles.remove'
  | 'profiles.test'
  | 'profiles.scanAws'
  | 'profiles.importAws'
  | 'profiles.secretStorage';

/** Validates input against the existing profile (when editing) and picks the id. */
async function prepare(engine: Engine, input: z.output<typeof ProfileInput>) {
  const existing = input.id ? engine.profiles.get(input.id) : undefined;
  if (existing && existing.source !== 'saved') {
    throw FerryError.of('InvalidProfile', 'profile.fromEnvironment', { name: existing.name });
  }
  const id =
    existing?.id ?? profileIdFor(input.name, (candidate) => engine.profiles.has(candidate));
  return { existing, ...(await profileFromInput(input, existing, id)) };
}

/** `profiles.*` commands. */
export function profileHandlers(engine: Engine): Pick<Handlers, ProfileCommands> {
  const store = engine.profiles;
  return {
    'profiles.list': async () => store.list(),
    'profiles.presets': async () => [...PRESETS],
    'profiles.save': async (input) => {
      const { profile, secret } = await prepare(engine, input);
      await store.put(profile, secret);
      return publicProfile(profile, true);
    },
    'profiles.remove': async ({ profileId }) => {
      await store.remove(profileId);
      return {};
    },
    'profiles.test': async (request) => {
      if ('profileId' in request) {
        const profile = store.get(request.profileId);
        return testConnection(profile, await store.credentials(profile.id), engine.clock);
      }
      const { existing, profile, secret } = await prepare(engine, request.draft);
      const credentials =
        secret !== undefined
          ? { accessKeyId: profile.accessKeyId, secretAccessKey: secret }
          : { ...(await store.credentials(existing!.id)), accessKeyId: profile.accessKeyId };
      return testConnection(profile, credentials, engine.clock);
    },
    'profiles.scanAws': async () =>
      (await scanAwsProfiles(engine.homeDir, (id) => store.has(id))).map(
        ({ secretAccessKey: _secret, ...candidate }) => candidate,
      ),
    'profiles.importAws': async ({ names }) => {
      const found = await scanAwsProfiles(engine.homeDir, (id) => store.has(id));
      const chosen = names.map((name) => {
        const candidate = found.find((f) => f.name === name);
        if (!candidate) {
          throw FerryError.of(
            'ProfileNotFound',
            found.length ? 'aws.profileNotFound' : 'aws.noProfiles',
            { name, found: found.map((f) => f.name).join(', ') },
          );
        }
        if (candidate.problem) {
          throw FerryError.of('InvalidProfile', 'aws.profileUnusable', {
            name,
            detail: candidate.problem,
          });
        }
        return candidate;
      });
      const imported = [];
      for (const candidate of chosen) {
        const profile = profileFromAws(candidate);
        await store.put(profile, candidate.secretAccessKey);
        imported.push(publicProfile(profile, true));
      }
      return imported;
    },
    'profiles.secretStorage': async () => store.secretStorage,
  };
}
