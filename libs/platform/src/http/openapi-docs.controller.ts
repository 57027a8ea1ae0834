import { Controller, Get, Header, type Type } from '@nestjs/common';
import { Public } from '../auth/guard.js';
import { openApiDocument, type ServiceApi } from './openapi.js';
import { docsPage } from './openapi-page.js';

/**
 * A service's `/api/docs` (a page listing its operations, with no script, so no CSP nonce is needed) and
 * `/api/docs/openapi.json` (the OpenAPI 3.1 document), built once from its route table and served without a token.
 */
export function docsController(api: ServiceApi): Type<unknown> {
  const document = openApiDocument(api);
  const page = docsPage(document);

  @Public()
  @Controller('api/docs')
  class DocsController {
    @Get()
    @Header('content-type', 'text/html; charset=utf-8')
    page() {
      return page;
    }

    @Get('openapi.json')
    document() {
      return document;
    }
  }
  return DocsController;
}
