enum LoadModulePlaceholder {}
