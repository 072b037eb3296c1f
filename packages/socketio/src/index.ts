export { attachQueueEvents } from './attach-queue-events.js';
export type { AuthorizeRoom, QueueEventsBinding, QueueEventsOptions, RoomRequest } from './queue-events-options.js';
// The join protocol's event names, room names, and the defaults of the rooms/initialRooms/payload options (to compose your own).
export { JOIN_EVENT, LEAVE_EVENT, ROOMS_EVENT } from './room-joins.js';
export { defaultRooms, handshakeRooms, roomName } from './rooms.js';
export { toSocketPayload } from './to-socket-payload.js';
export type { QueueEventPayload } from './to-socket-payload.js';
