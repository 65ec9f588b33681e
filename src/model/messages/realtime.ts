export const realtimeMessages: Record<string, string> = {
  'api.web_socket_router.no_action.app_error': 'The WebSocket request names no action.',
  'api.web_socket_router.bad_seq.app_error': 'The WebSocket request has no valid sequence number.',
  'api.web_socket_router.not_authenticated.app_error': 'The WebSocket connection is not authenticated yet.',
  'api.web_socket_router.bad_action.app_error': 'The WebSocket action is unknown.',
  'api.websocket_handler.invalid_param.app_error': 'The {{.Name}} parameter is missing or invalid.',
  'api.web_socket.connect.upgrade.app_error': 'The connection could not be upgraded to a WebSocket.',
};
