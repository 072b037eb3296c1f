import { describe, expect, test } from 'vitest';
import * as api from '../src/index.js';

describe('the public API of @mq/socketio', () => {
  // attachQueueEvents, the defaults its options replace (to compose your own: rooms, initialRooms,
  // payload), the room names and the event names of the join protocol. Parsing a client's join
  // request is internal. Types are exported as types.
  test('exports exactly the documented values', () => {
    expect(Object.keys(api).sort()).toEqual(
      ['attachQueueEvents', 'defaultRooms', 'handshakeRooms', 'toSocketPayload', 'roomName', 'JOIN_EVENT', 'LEAVE_EVENT', 'ROOMS_EVENT'].sort(),
    );
  });
});
