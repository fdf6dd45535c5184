/**
 * Gradebook endpoints: categories, line items and results — reads (gradebook.readonly), PUTs
 * (gradebook.createput, see gradebook-writes.ts) and DELETEs (gradebook.delete).
 *
 * /classes/{id}/categories is not in 1.1 but Google's notebook tries it (research §A), so it is
 * served: the global categories plus any whose metadata.classId is that class (Canvas' extension).
 *
 * DELETE is a hard delete answering 204 (404 when absent): the entity disappears from every list
 * and GET, as Google's suite checks. Deleting a line item also deletes its results — a result
 * cannot exist without its column — and a later PUT of the same id creates it afresh (201).
 *
 * The 1.2 gradebook service serves the same routes with its own PUTs (gradebook-writes-v1p2.ts)
 * plus score scales, of which this SIS has none (empty lists). No bulk POST: PUT is the only
 * write path, so a POST meets 405 (or 404 where no route has that path).
 */
import { putLineItem, putResult, type WriteDeps } from './gradebook-writes.ts';
import { putLineItemV1p2, putResultV1p2, type V1p2WriteDeps } from './gradebook-writes-v1p2.ts';
import { notFound } from './imsx.ts';
import type { Category, Klass, LineItem, Result } from './model.ts';
import { listReply, type Reply, type Route, type RouteContext, singleReply } from './router.ts';

export function gradebookRoutes(deps: WriteDeps | V1p2WriteDeps): Route[] {
  const v1p2 = 'ids' in deps ? deps : undefined;
  const { data } = deps;
  const all = <T>(map: Map<string, T>) => [...map.values()];
  const klass = (ctx: RouteContext): Klass => {
    const id = ctx.params.classId ?? '';
    const found = data.classes.get(id);
    if (!found) throw notFound('class', id);
    return found;
  };
  const lineItemsOf = (c: Klass) =>
    all(data.lineItems).filter((l) => l.class.sourcedId === c.sourcedId);
  const resultsWhere = (pred: (r: Result, li: LineItem | undefined) => boolean) =>
    all(data.results).filter((r) => pred(r, data.lineItems.get(r.lineItem.sourcedId)));
  const forClass = (c: Category, classId: string) => {
    const owner = c.metadata?.classId;
    return owner === undefined || owner === classId;
  };
  const id = (ctx: RouteContext) => ctx.params.id ?? '';

  const read = (pattern: string, handle: (ctx: RouteContext) => Reply): Route => ({
    method: 'GET',
    pattern,
    access: 'gradebook.read',
    handle,
  });
  const write = (
    method: 'PUT' | 'DELETE',
    pattern: string,
    handle: (ctx: RouteContext) => Reply,
  ): Route => ({
    method,
    pattern,
    access: method === 'PUT' ? 'gradebook.put' : 'gradebook.delete',
    handle,
  });
  const withHrefs = (reply: Reply, ctx: RouteContext): Reply => ({
    ...reply,
    body: ctx.view.finish(reply.body),
  });
  const putRoutes = v1p2
    ? [
        write('PUT', '/lineItems/:id', (ctx) => putLineItemV1p2(v1p2, id(ctx), ctx.body)),
        write('PUT', '/results/:id', (ctx) => putResultV1p2(v1p2, id(ctx), ctx.body)),
      ]
    : [
        write('PUT', '/lineItems/:id', (ctx) =>
          withHrefs(putLineItem(deps, id(ctx), ctx.body), ctx),
        ),
        write('PUT', '/results/:id', (ctx) => withHrefs(putResult(deps, id(ctx), ctx.body), ctx)),
      ];
  const scoreScaleRoutes = v1p2
    ? [
        read('/scoreScales', (ctx) => listReply('scoreScales', [], ctx)),
        read('/scoreScales/:id', (ctx) =>
          singleReply('scoreScales', undefined, 'scoreScale', id(ctx), ctx),
        ),
        read('/classes/:classId/scoreScales', (ctx) => {
          klass(ctx);
          return listReply('scoreScales', [], ctx);
        }),
      ]
    : [];

  return [
    read('/categories', (ctx) => listReply('categories', all(data.categories), ctx)),
    read('/categories/:id', (ctx) =>
      singleReply('categories', data.categories.get(id(ctx)), 'category', id(ctx), ctx),
    ),
    read('/classes/:classId/categories', (ctx) => {
      const c = klass(ctx);
      return listReply(
        'categories',
        all(data.categories).filter((cat) => forClass(cat, c.sourcedId)),
        ctx,
      );
    }),
    read('/lineItems', (ctx) => listReply('lineItems', all(data.lineItems), ctx)),
    read('/lineItems/:id', (ctx) =>
      singleReply('lineItems', data.lineItems.get(id(ctx)), 'lineItem', id(ctx), ctx),
    ),
    read('/classes/:classId/lineItems', (ctx) =>
      listReply('lineItems', lineItemsOf(klass(ctx)), ctx),
    ),
    read('/results', (ctx) => listReply('results', all(data.results), ctx)),
    read('/results/:id', (ctx) =>
      singleReply('results', data.results.get(id(ctx)), 'result', id(ctx), ctx),
    ),
    read('/classes/:classId/results', (ctx) => {
      const c = klass(ctx);
      return listReply(
        'results',
        resultsWhere((_, li) => li?.class.sourcedId === c.sourcedId),
        ctx,
      );
    }),
    read('/classes/:classId/lineItems/:lineItemId/results', (ctx) => {
      const c = klass(ctx);
      const lineItemId = ctx.params.lineItemId ?? '';
      const li = data.lineItems.get(lineItemId);
      if (!li || li.class.sourcedId !== c.sourcedId)
        throw notFound('lineItem of this class', lineItemId);
      return listReply(
        'results',
        resultsWhere((r) => r.lineItem.sourcedId === lineItemId),
        ctx,
      );
    }),
    {
      ...read('/classes/:classId/students/:studentId/results', (ctx) => {
        const c = klass(ctx);
        const studentId = ctx.params.studentId ?? '';
        if (data.users.get(studentId)?.role !== 'student') throw notFound('student', studentId);
        return listReply(
          'results',
          resultsWhere(
            (r, li) => r.student.sourcedId === studentId && li?.class.sourcedId === c.sourcedId,
          ),
          ctx,
        );
      }),
      userParams: ['studentId'],
    },
    ...putRoutes,
    ...scoreScaleRoutes,
    write('DELETE', '/lineItems/:id', (ctx) => {
      if (!data.lineItems.delete(id(ctx))) throw notFound('lineItem', id(ctx));
      for (const r of all(data.results)) {
        if (r.lineItem.sourcedId === id(ctx)) data.results.delete(r.sourcedId);
      }
      return { status: 204 };
    }),
    write('DELETE', '/results/:id', (ctx) => {
      if (!data.results.delete(id(ctx))) throw notFound('result', id(ctx));
      return { status: 204 };
    }),
  ];
}
