/** `options.openapi` of createQueueRouter: what GET /openapi.json says about the API beyond its endpoints. */
export interface OpenApiOptions {
  title?: string;
  version?: string;
  description?: string;
  /** More path items (relative to the router's mount path), e.g. app routes mounted beside it. */
  paths?: Record<string, unknown>;
}
