"""graphql-core's executor with the planner in front: a covered query runs from its plan; the
rest, and any plan that meets an error, run through graphql-core as before."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graphql import GraphQLObjectType
from graphql.execution.collect_fields import DeferUsage, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from bzpeer_graphql.context import Context
from bzpeer_graphql.engine.plan import Plans, Selection
from bzpeer_graphql.engine.run import Run

#: the plans of this process, shared by every request
PLANS = Plans()


class PlannedExecutor(StrawberryGraphQLCoreExecutionContext):
    """Runs the root fields of a covered query from its plan."""

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
        if (
            not serially
            and isinstance(context, Context)
            and context.settings.planner
            and context.settings.batching
        ):
            selection = PLANS.get(self.schema, self.fragments, self.operation, self.variable_values)
        run = None
        if selection is not None:
            run = Run(context, self.variable_values)
            try:
                run.prepare(selection)
            except Exception:
                run = None  # a refused argument: graphql-core reports it, as it always did
        if selection is None or run is None:
            return super().execute_collected_root_fields(
                root_type, root_value, grouped_field_set, serially, new_defer_usages
            )
        return self._planned(
            run, selection, context, root_type, root_value, grouped_field_set, new_defer_usages
        )

    async def _planned(
        self,
        run: Run,
        selection: Selection,
        context: Context,
        root_type: GraphQLObjectType,
        root_value: Any,
        grouped_field_set: GroupedFieldSet,
        new_defer_usages: Sequence[DeferUsage],
    ) -> dict[str, Any]:
        context.scope.prompt = True
        try:
            data = await run.execute(selection)
        except Exception:
            # graphql-core answers it, errors and all, from a clean slate: loaders the plan
            # warmed would change the order in which its resolvers finish, and so its errors'
            context.forget_loaded()
            context.scope.prompt = False
        else:
            context.planned = True
            return data
        result = super().execute_collected_root_fields(
            root_type, root_value, grouped_field_set, False, new_defer_usages
        )
        if self.is_awaitable(result):
            result = await result
        return result  # type: ignore[return-value]
