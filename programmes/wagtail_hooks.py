from wagtail import hooks


@hooks.register("register_pagecache_changes")
def pagecache_changes():
    from programmes.pagecache import changes

    return changes()


@hooks.register("register_pagecache_moments")
def pagecache_next_moment():
    from programmes.pagecache import next_moment

    return next_moment()
