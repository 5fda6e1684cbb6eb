"""graphql-core's executor with the planner in front: a query runs from its plan, errors and all;
what only graphql-core runs (mutations, `@defer`) runs through it, from the same definitions."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from graphql import GraphQLObjectType
from graphql.execution.collect_fields import DeferUsage, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from bzpeer_graphql.context import Context
from bzpeer_graphql.engine.failures import nulled_at_once, settle
from bzpeer_graphql.engine.plan import Plans, Selection
from bzpeer_graphql.engine.run import Run

log = logging.getLogger("bzpeer_graphql.engine")

#: the plans of this process, shared by every request
PLANS = Plans()


class PlannedExecutor(StrawberryGraphQLCoreExecutionContext):
    """Runs the root fields of a query from its plan."""

    def execute_collected_root_fields(
        self,
        root_type: GraphQLObjectType,
        root_value: Any,
        grouped_field_set: GroupedFieldSet,
        serially: bool,
        new_defer_usages: Sequence[DeferUsage],
    ) -> AwaitableOrValue[dict[str, Any]]:
        context = self.context_value
        selection = None
        if isinstance(context, Context):
            context.planned = False
            context.scope.prompt = False
            if not serially and context.settings.planner and context.settings.batching:
                selection = PLANS.get(
                    self.schema, self.fragments, self.operation, self.variable_values
                )
        if selection is None:
            return super().execute_collected_root_fields(
                root_type, root_value, grouped_field_set, serially, new_defer_usages
            )
        return self._planned(selection, context)

    async def _planned(self, selection: Selection, context: Context) -> dict[str, Any]:
        run = Run(context, self.variable_values, self)
        run.prepare(selection)
        context.scope.prompt = True
        context.planned = True
        root = await run.execute(selection)
        if not run.failures:
            return root
        failures = run.failures
        if nulled_at_once(selection, run.arguments):
            failures = [failure for failure in failures if failure.out is root]
        data, errors = settle(selection, root, failures, run.chosen)
        context.planner_errors += len(errors)
        # graphql-core runs every root field before a null carried up to the root nulls `data`,
        # and reports no error after that: the errors of fields nulled below the root first
        for error, path in sorted(errors, key=lambda found: found[1] is None):
            self.collected_errors.add(error, path)
        return data  # type: ignore[return-value]
